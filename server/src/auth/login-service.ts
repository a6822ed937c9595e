import type { IdentityVault } from '../vault/identity-vault';
import type { WechatPort } from '../members/wechat-port';
import type { SessionService } from './session-service';
import type { SignupTickets } from './signup-ticket';
import type { SmsCodeService } from './sms-code-service';

export type LoginResult =
  | { status: 'member'; session: { token: string; expiresAt: string } }
  | { status: 'new'; signupTicket: string };

/**
 * Login by WeChat (`wx.login` code -> jscode2session) or by phone + SMS code. A shopper who is
 * not yet a member gets a sealed sign-up ticket instead of a stored record: nothing about them
 * is kept until they consent (C-4.1.2a).
 */
export class LoginService {
  constructor(
    private readonly vault: IdentityVault,
    private readonly sessions: SessionService,
    private readonly tickets: SignupTickets,
    private readonly smsCodes: SmsCodeService,
    private readonly wechat: WechatPort,
  ) {}

  async withWechat(code: string, channel: string): Promise<LoginResult> {
    const { openid, sessionKey } = await this.wechat.code2Session(code);
    const member = await this.vault.findMemberByIdentifier('wechat_openid', openid);
    if (member)
      return {
        status: 'member',
        session: await this.sessions.issue(member.id, channel, sessionKey),
      };
    return { status: 'new', signupTicket: this.tickets.seal({ openid, sessionKey }) };
  }

  async withSmsCode(phone: string, code: string, channel: string): Promise<LoginResult> {
    const verifiedPhone = await this.smsCodes.verify(phone, 'login', code);
    const member = await this.vault.findMemberByIdentifier('phone', verifiedPhone);
    if (member) return { status: 'member', session: await this.sessions.issue(member.id, channel) };
    return { status: 'new', signupTicket: this.tickets.seal({ verifiedPhone }) };
  }
}
