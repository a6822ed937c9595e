import type { PurposeId } from '@memberkit/shared';
import { Button, Input, Text, View } from '@tarojs/components';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import ProfileFields from '../../components/profile/profile-fields';
import type { PrivacyNotice } from '../../services/api-types';
import { openPage, ROUTES } from '../../services/routes';
import PurposeChoices from './purpose-choices';
import SensitiveIdSection from './sensitive-id-section';
import type { SignupDraft } from './signup-draft';

interface SignupFormProps {
  notice: PrivacyNotice;
  draft: SignupDraft;
  error?: string;
  busy: boolean;
  onChange: (draft: SignupDraft) => void;
  onSubmit: () => void;
}

export default function SignupForm({
  notice,
  draft,
  error,
  busy,
  onChange,
  onSubmit,
}: SignupFormProps) {
  const set = (patch: Partial<SignupDraft>) => onChange({ ...draft, ...patch });
  const choose = (purpose: PurposeId, granted: boolean) =>
    set({ choices: { ...draft.choices, [purpose]: granted } });
  const sensitive = notice.purposes.find((purpose) => purpose.sensitive);

  return (
    <View>
      <Text className="signup__lead">
        提交前请阅读
        <Text
          id="signup-read-notice"
          className="link"
          onClick={() => openPage(ROUTES.privacyNotice)}
        >
          《会员隐私政策》（第 {notice.version} 版）
        </Text>
        ，我们只按您的选择收集和使用信息。
      </Text>
      <PurposeChoices notice={notice} choices={draft.choices} onChange={choose} />
      <PageSection title="基本资料" intro="仅“会员服务”使用。">
        <ProfileFields
          idPrefix="signup"
          draft={draft.profile}
          nameRequired
          onChange={(profile) => set({ profile })}
        />
        {draft.choices.parking ? (
          <FormField label="车牌号" optional hint="绑定后出入场自动识别；仅停车服务使用">
            <Input
              id="signup-plate"
              className="field__input"
              value={draft.plate}
              maxlength={10}
              placeholder="例如 沪A12345"
              onInput={(event) => set({ plate: event.detail.value })}
            />
          </FormField>
        ) : null}
      </PageSection>
      {sensitive ? (
        <SensitiveIdSection
          purpose={sensitive}
          added={draft.addResidentId}
          consented={draft.choices.sensitive_id === true}
          residentId={draft.residentId}
          onAddedChange={(added) =>
            set({
              addResidentId: added,
              residentId: added ? draft.residentId : '',
              choices: { ...draft.choices, sensitive_id: added && draft.choices.sensitive_id },
            })
          }
          onConsentChange={(granted) => choose('sensitive_id', granted)}
          onResidentIdChange={(residentId) => set({ residentId })}
        />
      ) : null}
      <FormError id="signup-error" message={error} />
      <View className="actions">
        <Button id="signup-submit" className="btn btn--primary" loading={busy} onClick={onSubmit}>
          同意所选授权并成为会员
        </Button>
      </View>
    </View>
  );
}
