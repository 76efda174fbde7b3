import { AccessLevel, SessionType } from './api.types';

export const describeType = (type: SessionType): string =>
  ({ remoteControl: 'Remote Control', remoteAssistance: 'Remote Assistance', remoteDesktop: 'Remote Desktop' })[type] ?? type;

export const describeAccess = (level: AccessLevel): string => (level === 'viewOnly' ? 'view only' : 'full control');
