import { Module } from '@nestjs/common';
import { SiteUsageChecks } from './site-usage';
import { SitesController } from './sites.controller';
import { SitesRepository } from './sites.repository';
import { SitesResolver } from './sites.resolver';
import { SitesService } from './sites.service';

/** The site hierarchy. Depends on nothing but common/ and audit. */
@Module({
  controllers: [SitesController],
  providers: [SitesRepository, SitesService, SitesResolver, SiteUsageChecks],
  exports: [SitesService, SiteUsageChecks],
})
export class HierarchyModule {}
