import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';

import MemberCard from '../../components/member-card';
import { isApiError, messageOf } from '../../services/api-error';
import type { MemberAccount, MyConsents, SignedReceipt } from '../../services/api-types';
import { fetchMyConsents } from '../../services/consent-api';
import { fetchAccount } from '../../services/member-api';
import { openPage, replacePage, ROUTES } from '../../services/routes';
import { isLoggedIn } from '../../services/session';
import CloseAccountSection from './close-account-section';
import ConsentSection from './consent-section';
import DataSection from './data-section';
import DeletedView from './deleted-view';
import PasswordSection from './password-section';
import PermissionSection from './permission-section';
import ProfileSection from './profile-section';
import ReceiptSection from './receipt-section';
import UnsubscribeBanner from './unsubscribe-banner';
import './index.scss';

/** My account: profile, consents, receipts, permissions, export, password, close (C-4.2.1.3b). */
export default function AccountPage() {
  const { params } = useRouter();
  const [account, setAccount] = useState<MemberAccount>();
  const [consents, setConsents] = useState<MyConsents>();
  const [error, setError] = useState('');
  const [deleted, setDeleted] = useState<SignedReceipt>();

  const load = useCallback(async () => {
    if (!isLoggedIn()) return replacePage(ROUTES.login);

    try {
      const [me, mine] = await Promise.all([fetchAccount(), fetchMyConsents()]);
      setAccount(me);
      setConsents(mine);
    } catch (failure) {
      if (isApiError(failure) && failure.status === 401) return replacePage(ROUTES.login);
      setError(messageOf(failure));
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  if (deleted) return <DeletedView receipt={deleted} />;

  if (!account || !consents)
    return (
      <View className="page account">
        <Text className="notice-line">{error || '正在加载…'}</Text>
      </View>
    );

  return (
    <View className="page account" id="account-page">
      <UnsubscribeBanner
        purpose={params.unsubscribe}
        states={consents.purposes}
        onWithdrawn={load}
      />
      <MemberCard account={account} />
      <View className="account__links">
        {account.phone ? null : (
          <Button
            className="btn btn--plain btn--small"
            onClick={() => openPage(ROUTES.phoneBinding)}
          >
            绑定手机号
          </Button>
        )}
        <Button
          id="account-bind-card"
          className="btn btn--plain btn--small"
          onClick={() => openPage(ROUTES.cardBinding)}
        >
          绑定实体卡
        </Button>
        <Button
          id="account-parking"
          className="btn btn--plain btn--small"
          onClick={() => openPage(ROUTES.parking)}
        >
          停车缴费
        </Button>
        <Button
          className="btn btn--plain btn--small"
          onClick={() => openPage(ROUTES.privacyNotice)}
        >
          隐私政策
        </Button>
      </View>
      <ProfileSection key={account.joinedAt} account={account} onSaved={load} />
      <ConsentSection consents={consents} onChanged={load} />
      <ReceiptSection />
      <PermissionSection />
      <PasswordSection />
      <DataSection />
      <CloseAccountSection onDeleted={setDeleted} />
    </View>
  );
}
