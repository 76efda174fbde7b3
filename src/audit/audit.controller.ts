import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { listEnvelope } from '../common/paging/list-response';
import { toListQuery } from '../common/paging/list-query.parser';
import { csvLine, CSV_COLUMNS, ndjsonLine } from './audit-export.format';
import { AUDIT_FIELDS } from './audit.fields';
import { toAuditRecordModel } from './audit.mapper';
import { AuditService } from './audit.service';
import { AuditExportQueryDto, AuditQueryDto } from './dto/audit-query.dto';
import { AuditRecordList, AuditRecordModel, ChainVerdictModel } from './models/audit-record.model';

@ApiTags('audit')
@Controller('audit-records')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authenticated(Permission.AuditRead)
  @ApiOperation({ operationId: 'listAuditRecords', summary: 'List audit records, newest first unless orderby says otherwise.' })
  @ApiOkResponse({ type: AuditRecordList })
  async list(@Principal() caller: CurrentPrincipal, @Query() query: AuditQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const listQuery = toListQuery(query, AUDIT_FIELDS, [{ field: 'seq', direction: 'desc' }]);
    const page = await this.audit.list(caller, query, listQuery);
    return listEnvelope(req, res, page, toAuditRecordModel);
  }

  @Get('verify')
  @Authenticated(Permission.AuditReadAll)
  @ApiOperation({ operationId: 'verifyAuditChain', summary: 'Recompute the hash chain and name the first broken record.' })
  @ApiOkResponse({ type: ChainVerdictModel })
  verify(): Promise<ChainVerdictModel> {
    return this.audit.verify();
  }

  @Get('export')
  @Authenticated(Permission.AuditRead)
  @ApiOperation({ operationId: 'exportAuditRecords', summary: 'Stream audit records in seq order as NDJSON or CSV.' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({ description: 'The records, one per line.' })
  async export(@Principal() caller: CurrentPrincipal, @Query() query: AuditExportQueryDto, @Res() res: Response): Promise<void> {
    const csv = query.format === 'csv';
    res.status(200);
    res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-records.${csv ? 'csv' : 'ndjson'}"`);
    if (csv) res.write(`${CSV_COLUMNS.join(',')}\r\n`);
    await this.audit.export(caller, query, async (row) => {
      const line = csv ? csvLine(toAuditRecordModel(row)) : ndjsonLine(toAuditRecordModel(row));
      if (!res.write(line)) await once(res, 'drain');
    });
    res.end();
  }

  @Get(':seq')
  @Authenticated(Permission.AuditRead)
  @ApiOperation({ operationId: 'getAuditRecord', summary: 'Get one audit record by its sequence number.' })
  @ApiOkResponse({ type: AuditRecordModel })
  async get(@Principal() caller: CurrentPrincipal, @Param('seq') seq: string, @Res({ passthrough: true }) res: Response): Promise<AuditRecordModel> {
    const model = toAuditRecordModel(await this.audit.get(caller, seq));
    res.setHeader('ETag', model.etag);
    return model;
  }
}
