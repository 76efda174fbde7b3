import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ResultantSettingsService } from '../client-settings/resultant-settings.service';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { NotFoundError } from '../common/errors/domain-error';
import { DeviceEntity } from '../devices/device.entity';
import { DevicePresence } from '../devices/device-presence';
import { DevicesService } from '../devices/devices.service';
import { PolicyRequest, PolicyVerdict } from './policy/policy.types';
import { evaluateSessionPolicy } from './policy/session-policy';
import { SessionsRepository } from './sessions.repository';

export interface PolicyOutcome {
  device: DeviceEntity;
  verdict: PolicyVerdict;
  sourceClientSettingsId: string;
}

/** Gathers the facts the policy needs (device, resultant settings, open sessions) and applies it. */
@Injectable()
export class SessionPolicyService {
  constructor(
    private readonly devices: DevicesService,
    private readonly presence: DevicePresence,
    private readonly resultant: ResultantSettingsService,
    private readonly sessions: SessionsRepository,
  ) {}

  /** Rule 1 (exists and in scope) is a 404 here; rules 2–11 come back as a verdict. */
  async evaluate(caller: CurrentPrincipal, deviceId: string, request: PolicyRequest, manager: EntityManager, lockDevice = false): Promise<PolicyOutcome> {
    const device = await this.devices.get(caller, deviceId, manager, lockDevice);
    const [settings] = await this.resultant.forDevicesUnchecked([device.id], manager);
    if (!settings) throw new NotFoundError('Device', deviceId);
    const verdict = evaluateSessionPolicy(
      { name: caller.name, groups: caller.groups, mayStartSessions: hasPermission(caller.role, Permission.SessionsStart) },
      {
        joinType: device.joinType,
        currentUser: device.currentUser,
        localAdministrators: device.localAdministrators,
        online: this.presence.isOnline(device.lastSeenAt),
        // Only full control is exclusive (rule deviceNotBusy): view-only may join alongside, so it needs no lookup.
        hasFullControlSession: request.accessLevel === 'viewOnly' ? false : await this.sessions.hasOpenFullControl(manager, device.id),
      },
      settings.remoteTools,
      request,
    );
    return { device, verdict, sourceClientSettingsId: settings.sourceClientSettingsId };
  }
}
