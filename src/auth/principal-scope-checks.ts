import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Returns the ids, among those given, that name no collection. */
export type UnknownCollectionsCheck = (manager: EntityManager, collectionIds: string[]) => Promise<string[]>;

/**
 * The collections feature registers how to tell whether scope collection ids
 * exist, so principals can be checked without auth importing collections.
 * With nothing registered, ids are accepted as given.
 */
@Injectable()
export class PrincipalScopeChecks {
  private check: UnknownCollectionsCheck | null = null;

  register(check: UnknownCollectionsCheck): void {
    this.check = check;
  }

  unknownOf(manager: EntityManager, collectionIds: string[]): Promise<string[]> {
    return this.check && collectionIds.length ? this.check(manager, collectionIds) : Promise.resolve([]);
  }
}
