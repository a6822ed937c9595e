import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import ProfileFields from '../../components/profile/profile-fields';
import {
  draftFromProfile,
  profileInputFrom,
  profileProblem,
  type ProfileDraft,
} from '../../components/profile/profile-form';
import { messageOf } from '../../services/api-error';
import type { MemberAccount, OptionalFieldsInput } from '../../services/api-types';
import { updateProfile } from '../../services/member-api';

type OptionalKey = 'email' | 'shippingAddress' | 'invoiceTitle';

const OPTIONAL_FIELDS: ReadonlyArray<{ key: OptionalKey; label: string; placeholder: string }> = [
  { key: 'email', label: '电子邮箱', placeholder: '用于接收电子发票' },
  { key: 'shippingAddress', label: '收货地址', placeholder: '线上订单配送使用' },
  { key: 'invoiceTitle', label: '发票抬头', placeholder: '个人或单位名称' },
];

interface ProfileSectionProps {
  account: MemberAccount;
  onSaved: () => void;
}

/** Edit the profile (C-4.2.1.3b); optional fields appear only when the shopper adds them. */
export default function ProfileSection({ account, onSaved }: ProfileSectionProps) {
  const [draft, setDraft] = useState<ProfileDraft>(draftFromProfile(account.profile));
  const [optional, setOptional] = useState<Partial<Record<OptionalKey, string>>>(() => {
    const present: Partial<Record<OptionalKey, string>> = {};
    for (const { key } of OPTIONAL_FIELDS)
      if (account.profile[key]) present[key] = account.profile[key] ?? '';
    return present;
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  function optionalInput(): OptionalFieldsInput {
    const input: OptionalFieldsInput = {};
    for (const { key } of OPTIONAL_FIELDS) {
      const value = optional[key]?.trim();
      // A field the shopper removed (or emptied) is deleted on the server: null.
      if (value) input[key] = value;
      else if (account.profile[key]) input[key] = null;
    }
    return input;
  }

  async function save() {
    const problem = profileProblem(draft, false);
    if (problem) return setError(problem);

    setBusy(true);
    try {
      await updateProfile(profileInputFrom(draft), optionalInput());
      setError('');
      Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageSection title="个人资料" id="account-profile">
      <ProfileFields idPrefix="profile" draft={draft} nameRequired={false} onChange={setDraft} />
      {OPTIONAL_FIELDS.map(({ key, label, placeholder }) =>
        optional[key] === undefined ? null : (
          <FormField key={key} label={label} optional>
            <View className="row">
              <Input
                id={`profile-${key}`}
                className="field__input"
                value={optional[key]}
                placeholder={placeholder}
                onInput={(event) => setOptional({ ...optional, [key]: event.detail.value })}
              />
              <Button
                className="btn btn--plain btn--small"
                onClick={() => setOptional({ ...optional, [key]: '' })}
              >
                清除
              </Button>
            </View>
          </FormField>
        ),
      )}
      <View className="chips account__add-optional">
        {OPTIONAL_FIELDS.filter(({ key }) => optional[key] === undefined).map(({ key, label }) => (
          <View
            key={key}
            id={`profile-add-${key}`}
            className="chip"
            onClick={() => setOptional({ ...optional, [key]: '' })}
          >
            + {label}
          </View>
        ))}
      </View>
      <FormError id="profile-error" message={error} />
      <View className="actions">
        <Button id="profile-save" className="btn btn--primary" loading={busy} onClick={save}>
          保存资料
        </Button>
      </View>
    </PageSection>
  );
}
