import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { changedFields } from '../audit/audit-diff';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { assertIfMatch, etagOf } from '../common/etag/etag';
import { ListQuery, Page } from '../common/paging/list-query';
import { CreateSiteDto } from './dto/create-site.dto';
import { UpdateSiteDto } from './dto/update-site.dto';
import { SiteEntity } from './site.entity';
import { parentForMove, parentForNewSite } from './site-rules';
import { SiteUsageChecks } from './site-usage';
import { siteSnapshot } from './sites.mapper';
import { SitesRepository } from './sites.repository';
import { SiteInUseError } from './sites.errors';

const FOREIGN_KEY_VIOLATION = '23503';

/** The site hierarchy: one central site, primaries, secondaries. */
@Injectable()
export class SitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly usage: SiteUsageChecks,
    private readonly audit: AuditService,
  ) {}

  list(query: ListQuery): Promise<Page<SiteEntity>> {
    return this.sites.list(query);
  }

  count(query?: ListQuery): Promise<number> {
    return this.sites.count(query);
  }

  async get(code: string): Promise<SiteEntity> {
    const site = await this.sites.find(code.toUpperCase());
    if (!site) throw new NotFoundError('Site', code);
    return site;
  }

  findMany(codes: readonly string[], manager?: EntityManager): Promise<SiteEntity[]> {
    return this.sites.findMany(codes, manager);
  }

  create(caller: CurrentPrincipal, input: CreateSiteDto): Promise<SiteEntity> {
    return this.dataSource.transaction(async (tx) => {
      await this.sites.lockHierarchy(tx);
      if (await this.sites.find(input.code, tx)) throw new ConflictError(`A site with code '${input.code}' already exists.`);
      const central = await this.sites.findCentral(tx);
      const requestedParent = input.parentCode ? await this.sites.find(input.parentCode, tx) : null;
      const parentCode = parentForNewSite(input.type, input.parentCode, { central, requestedParent });
      const site = await this.sites.save(tx, this.sites.create({ code: input.code, name: input.name, type: input.type, parentCode }));
      await this.audit.record(tx, { type: 'siteChanged', actor: caller.name, details: { action: 'created', ...siteSnapshot(site) } });
      if (site.type === 'central') await this.adoptStandalonePrimaries(tx, caller, site);
      return site;
    });
  }

  update(caller: CurrentPrincipal, code: string, input: UpdateSiteDto, ifMatch?: string): Promise<SiteEntity> {
    return this.dataSource.transaction(async (tx) => {
      await this.sites.lockHierarchy(tx);
      const site = await this.lockExisting(tx, code);
      assertIfMatch(ifMatch, etagOf(site.code, site.version));
      const before = siteSnapshot(site);
      if (input.name !== undefined) site.name = input.name;
      if (input.parentCode !== undefined) {
        const central = await this.sites.findCentral(tx);
        const requestedParent = input.parentCode ? await this.sites.find(input.parentCode, tx) : null;
        site.parentCode = parentForMove(site, input.parentCode, { central, requestedParent });
      }
      const saved = await this.sites.save(tx, site);
      await this.audit.record(tx, { type: 'siteChanged', actor: caller.name, details: { action: 'updated', code: saved.code, ...changedFields(before, siteSnapshot(saved)) } });
      return saved;
    });
  }

  remove(caller: CurrentPrincipal, code: string, ifMatch?: string): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      await this.sites.lockHierarchy(tx);
      const site = await this.lockExisting(tx, code);
      assertIfMatch(ifMatch, etagOf(site.code, site.version));
      const children = await this.sites.childSites(tx, site.code);
      const usages = [...(children.total ? [children] : []), ...(await this.usage.usagesOf(tx, site.code))];
      if (usages.length) throw new SiteInUseError(site.code, usages);
      try {
        await this.sites.remove(tx, site.code);
      } catch (error) {
        // Something was assigned to the site after the checks above read.
        if ((error as { driverError?: { code?: string } }).driverError?.code === FOREIGN_KEY_VIOLATION) throw new SiteInUseError(site.code, []);
        throw error;
      }
      await this.audit.record(tx, { type: 'siteChanged', actor: caller.name, details: { action: 'deleted', ...siteSnapshot(site) } });
    });
  }

  private async lockExisting(tx: EntityManager, code: string): Promise<SiteEntity> {
    const site = await this.sites.find(code.toUpperCase(), tx, true);
    if (!site) throw new NotFoundError('Site', code);
    return site;
  }

  /** A new central site expands the hierarchy: standalone primaries move under it. */
  private async adoptStandalonePrimaries(tx: EntityManager, caller: CurrentPrincipal, central: SiteEntity): Promise<void> {
    for (const primary of await this.sites.standalonePrimaries(tx)) {
      primary.parentCode = central.code;
      await this.sites.save(tx, primary);
      await this.audit.record(tx, {
        type: 'siteChanged',
        actor: caller.name,
        details: { action: 'updated', code: primary.code, before: { parentCode: null }, after: { parentCode: central.code } },
      });
    }
  }
}
