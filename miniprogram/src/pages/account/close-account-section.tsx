import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { messageOf } from '../../services/api-error';
import type { SignedReceipt } from '../../services/api-types';
import { logout } from '../../services/auth-api';
import { deleteAccount } from '../../services/member-api';
import { restartAt, ROUTES } from '../../services/routes';
import { clearSessionToken } from '../../services/session';

export const DELETE_CONFIRM_TEXT = '确认注销';

interface CloseAccountSectionProps {
  onDeleted: (receipt: SignedReceipt) => void;
}

/** D-7.2: closing the account is one action (with one confirmation); logging out is another. */
export default function CloseAccountSection({ onDeleted }: CloseAccountSectionProps) {
  const [error, setError] = useState('');

  async function closeAccount() {
    const { confirm } = await Taro.showModal({
      title: '注销会员账户？',
      content: '注销后您的身份信息和敏感信息将被删除，其余记录匿名化且无法恢复，积分将清零。',
      confirmText: DELETE_CONFIRM_TEXT,
      confirmColor: '#c0392b',
      cancelText: '取消',
    });
    if (!confirm) return;

    try {
      const receipt = await deleteAccount();
      clearSessionToken();
      onDeleted(receipt);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function signOut() {
    try {
      await logout();
    } catch {
      // The session may already have ended; the device forgets it either way.
    }
    clearSessionToken();
    await restartAt(ROUTES.home);
  }

  return (
    <PageSection title="账户" id="account-close">
      <FormError id="account-close-error" message={error} />
      <View className="actions">
        <Button id="account-logout" className="btn btn--plain" onClick={signOut}>
          退出登录
        </Button>
        <Button id="account-delete" className="btn btn--danger" onClick={closeAccount}>
          注销账户
        </Button>
      </View>
    </PageSection>
  );
}
