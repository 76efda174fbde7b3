import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemSchemas, withProblemResponses } from './problem-responses';

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('rcgate API')
    .setDescription('Remote-control broker for managed Windows and Linux fleets: sites, devices, collections, client settings, sessions and audit.')
    .setVersion('1.0.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('http://127.0.0.1:8080', 'Local rcgate')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (rcg_…).' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...problemSchemas() } };
  return withProblemResponses(document);
}

/** Serves /openapi.json and Swagger UI at /docs from the swagger-ui-dist files in node_modules. */
export function mountOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, () => document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    useGlobalPrefix: false,
    customSiteTitle: 'rcgate API',
  });
}
