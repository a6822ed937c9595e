import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import { fromSqlDateTime } from '../platform/db/sql-time';
import type { SessionRepository } from './session-repository';

const SESSION_DAYS = 30;
const SESSION_KEY_AAD = 'member_sessions.session_key';

export interface MemberSession {
  memberId: string;
  tokenHash: string;
  channel: string;
}

/** Member sessions: a random bearer token; only its SHA-256 is stored. */
export class SessionService {
  constructor(
    private readonly repository: SessionRepository,
    private readonly cipher: VaultCipher,
  ) {}

  async issue(
    memberId: string,
    channel: string,
    wechatSessionKey?: string,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
    const sessionKeyEnc = wechatSessionKey
      ? await this.cipher.encrypt('identity', SESSION_KEY_AAD, wechatSessionKey)
      : null;
    await this.repository.insert(hashToken(token), { memberId, channel, sessionKeyEnc, expiresAt });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  async authenticate(token: string): Promise<MemberSession> {
    const tokenHash = hashToken(token);
    const session = await this.repository.find(tokenHash);
    if (
      !session ||
      session.revokedAt ||
      fromSqlDateTime(session.expiresAt).getTime() < Date.now()
    ) {
      throw new AppError('SESSION_INVALID');
    }
    return { memberId: session.memberId, tokenHash, channel: session.channel };
  }

  /** The WeChat session_key of this session, for the legacy encryptedData phone flow. */
  async wechatSessionKey(tokenHash: string): Promise<string | undefined> {
    const session = await this.repository.find(tokenHash);
    return session?.sessionKeyEnc
      ? this.cipher.decrypt(session.sessionKeyEnc, SESSION_KEY_AAD)
      : undefined;
  }

  async replaceWechatSessionKey(tokenHash: string, sessionKey: string): Promise<void> {
    await this.repository.updateSessionKey(
      tokenHash,
      await this.cipher.encrypt('identity', SESSION_KEY_AAD, sessionKey),
    );
  }

  async logout(tokenHash: string): Promise<void> {
    await this.repository.revoke(tokenHash);
  }
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
