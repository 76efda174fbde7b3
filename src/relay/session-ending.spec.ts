import { endingOf } from './session-ending';

const session = { viewer: 'CONTOSO\\alice', deviceId: '7d1c3c8e-54a4-4a39-9a43-6b1f0f7f3d10' };

describe('endingOf', () => {
  it('puts a close by the viewer down to the viewer', () => {
    expect(endingOf({ endedBy: 'viewer', code: 1000, reason: 'viewerClosed' }, session)).toEqual({ reason: 'viewerClosed', actor: 'CONTOSO\\alice' });
  });

  it('puts a vanished agent down to the agent', () => {
    expect(endingOf({ endedBy: 'agent', code: 1006, reason: 'agentClosed' }, session)).toEqual({ reason: 'agentClosed', actor: `agent:${session.deviceId}` });
  });

  it('keeps the end reason the relay closed both sides with', () => {
    expect(endingOf({ endedBy: 'relay', code: 4000, reason: 'maxDurationReached' }, session)).toEqual({ reason: 'maxDurationReached', actor: 'system' });
  });

  it('puts a broken stream rule down to the side whose stream broke it', () => {
    expect(endingOf({ endedBy: 'relay', code: 1008, reason: 'unsupportedRfb' }, session, 'viewer')).toEqual({ reason: 'viewerClosed', actor: 'CONTOSO\\alice' });
  });

  it('calls an unexplained relay failure relayLost', () => {
    expect(endingOf({ endedBy: 'relay', code: 1011, reason: 'internalError' }, session).reason).toBe('relayLost');
  });
});
