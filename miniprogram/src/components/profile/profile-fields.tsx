import { Input, Picker, Text, View } from '@tarojs/components';

import type { Gender } from '../../services/api-types';
import { GENDER_LABELS } from '../../services/field-labels';
import FormField from '../form-field';
import type { ProfileDraft } from './profile-form';
import { PROVINCES } from './provinces';

interface ProfileFieldsProps {
  /** Prefix of the input ids, e.g. "signup" gives "signup-name". */
  idPrefix: string;
  draft: ProfileDraft;
  onChange: (draft: ProfileDraft) => void;
  nameRequired: boolean;
}

const GENDERS: Gender[] = ['female', 'male', 'undisclosed'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Name, gender, birth date, province, address and nickname: the membership profile. */
export default function ProfileFields({
  idPrefix,
  draft,
  onChange,
  nameRequired,
}: ProfileFieldsProps) {
  const set = (patch: Partial<ProfileDraft>) => onChange({ ...draft, ...patch });
  const provinceIndex = Math.max(
    0,
    PROVINCES.indexOf(draft.province as (typeof PROVINCES)[number]),
  );

  return (
    <View>
      <FormField label="姓名" optional={!nameRequired}>
        <Input
          id={`${idPrefix}-name`}
          className="field__input"
          value={draft.name}
          maxlength={40}
          placeholder="请输入姓名"
          onInput={(event) => set({ name: event.detail.value })}
        />
      </FormField>
      <FormField label="性别" optional>
        <View className="chips">
          {GENDERS.map((gender) => (
            <View
              key={gender}
              id={`${idPrefix}-gender-${gender}`}
              className={`chip ${draft.gender === gender ? 'chip--active' : ''}`}
              onClick={() => set({ gender: draft.gender === gender ? '' : gender })}
            >
              {GENDER_LABELS[gender]}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label="出生日期" optional hint="用于生日礼遇">
        <Picker
          mode="date"
          value={draft.birthDate || '1990-01-01'}
          start="1900-01-01"
          end={today()}
          onChange={(event) => set({ birthDate: String(event.detail.value) })}
        >
          <View
            id={`${idPrefix}-birth-date`}
            className={`picker-value ${draft.birthDate ? '' : 'picker-value--empty'}`}
          >
            {draft.birthDate || '请选择出生日期'}
          </View>
        </Picker>
      </FormField>
      <FormField label="所在省份" optional>
        <Picker
          mode="selector"
          range={[...PROVINCES]}
          value={provinceIndex}
          onChange={(event) => set({ province: PROVINCES[Number(event.detail.value)] })}
        >
          <View
            id={`${idPrefix}-province`}
            className={`picker-value ${draft.province ? '' : 'picker-value--empty'}`}
          >
            {draft.province || '请选择省份'}
          </View>
        </Picker>
      </FormField>
      <FormField label="联系地址" optional>
        <Input
          id={`${idPrefix}-address`}
          className="field__input"
          value={draft.address}
          maxlength={120}
          placeholder="街道、门牌号"
          onInput={(event) => set({ address: event.detail.value })}
        />
      </FormField>
      <FormField label="昵称" optional hint="可使用微信昵称">
        <Input
          id={`${idPrefix}-nickname`}
          className="field__input"
          type="nickname"
          value={draft.nickname}
          placeholder="请输入昵称"
          onInput={(event) => set({ nickname: event.detail.value })}
          // WeChat fills a nickname picked from its keyboard without an input event.
          onBlur={(event) => set({ nickname: event.detail.value })}
        />
      </FormField>
      <Text className="notice-line">仅会员服务使用以上信息；未填写的项目不会被收集。</Text>
    </View>
  );
}
