import type {
  AuditAction,
  EndReason,
  LoginStatsDay,
  PublicSession,
  PushPlatform,
  RiskSignal,
  SessionPolicy,
} from '@sessionkit/core/browser';

/** A session as the plugin's lists answer it (docs/http-api.md), dates revived by the data provider. */
export interface SessionRecord extends PublicSession {
  /** True for the session making the request. */
  current?: boolean;
  risk?: RiskSignal[];
  /** Present in admin lists. */
  user?: { id: string; name: string; department: string | null; role: string | null; superUser: boolean };
}

/** One row of the admin team view: a user with at least one session. */
export interface AdminUserRecord {
  id: string;
  userId: string;
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
  activeSessions: number;
  lastLoginAt: Date;
  lastLoginIp: string;
  lastActiveAt: Date;
}

export interface AuthorizedAppRecord {
  id: string;
  name: string;
  kind: 'application' | 'mobile' | 'website';
  deviceName: string | null;
  scopes: string[];
  tokenPreview: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface PushRegistrationRecord {
  id: string;
  appName: string;
  deviceName: string;
  platform: PushPlatform;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface ApiKeyRecord {
  id: string;
  userId: string | null;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  requestsLast24h: number;
}

export interface AuditEventRecord {
  id: string;
  at: Date;
  action: AuditAction;
  actorId: string | null;
  targetUserId: string | null;
  sessionId: string | null;
  endReason: EndReason | null;
  reason: string | null;
  ip: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface LoginStatsRecord {
  from: Date;
  to: Date;
  logins: number;
  logouts: number;
  days: LoginStatsDay[];
}

export interface AdminSummaryRecord {
  activeUsers: number;
  activeSessions: number;
  superUsers: number;
}

export type { SessionPolicy };
