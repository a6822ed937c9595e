import type { PurposeId } from '@memberkit/shared';

import PageSection from '../../components/page-section';
import PurposeSwitch from '../../components/purpose-switch';
import type { PrivacyNotice } from '../../services/api-types';

interface PurposeChoicesProps {
  notice: PrivacyNotice;
  choices: Partial<Record<PurposeId, boolean>>;
  onChange: (purpose: PurposeId, granted: boolean) => void;
}

/** One switch per purpose except the sensitive one, which has its own section (C-4.1.2c). */
export default function PurposeChoices({ notice, choices, onChange }: PurposeChoicesProps) {
  const purposes = notice.purposes.filter((purpose) => !purpose.sensitive);

  return (
    <PageSection
      title="选择授权"
      intro="会员服务是基本功能；其余为扩展功能，可逐项选择，不选择不影响会员服务，以后也可在“我的授权”中随时开启或撤回。"
      id="signup-purposes"
    >
      {purposes.map((purpose) => (
        <PurposeSwitch
          key={purpose.id}
          purpose={purpose}
          checked={choices[purpose.id] === true}
          onChange={(granted) => onChange(purpose.id, granted)}
        />
      ))}
    </PageSection>
  );
}
