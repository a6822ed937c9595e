import { Input, Text, View } from '@tarojs/components';

import type { SurveyAnswer, SurveyQuestionView } from '../scan/collection-api';

const IDENTIFYING_NOTE = { name: '姓名', phone: '电话', address: '地址' } as const;

interface QuestionFieldProps {
  question: SurveyQuestionView;
  answer: SurveyAnswer | undefined;
  onChange(answer: SurveyAnswer): void;
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

/** One question of C-4.2.2.5: single and multiple choice, a scale, or free text. */
export default function QuestionField({ question, answer, onChange }: QuestionFieldProps) {
  const id = `survey-q-${question.questionId}`;
  const chip = (active: boolean) => `chip ${active ? 'chip--active' : ''}`;
  return (
    <View className="survey__question" id={id}>
      <Text className="survey__prompt">
        {question.prompt}
        {question.required ? '（必答）' : '（选答）'}
      </Text>
      {question.identifies ? (
        <Text className="notice-line">
          此题收集您的{IDENTIFYING_NOTE[question.identifies]}，仅因您同意了问卷授权才显示，可不填。
        </Text>
      ) : null}
      {question.kind === 'single' || question.kind === 'multiple' ? (
        <View className="survey__chips">
          {(question.options ?? []).map((option, index) => {
            const chosen =
              question.kind === 'single'
                ? answer?.choice === index
                : (answer?.choices ?? []).includes(index);
            const toggle = () =>
              question.kind === 'single'
                ? onChange({ questionId: question.questionId, choice: index })
                : onChange({
                    questionId: question.questionId,
                    choices: chosen
                      ? (answer?.choices ?? []).filter((choice) => choice !== index)
                      : [...(answer?.choices ?? []), index],
                  });
            return (
              <Text
                key={option}
                id={`${id}-option-${index}`}
                className={chip(chosen)}
                onClick={toggle}
              >
                {option}
              </Text>
            );
          })}
        </View>
      ) : null}
      {question.kind === 'scale' ? (
        <View className="survey__chips">
          {range(question.min ?? 1, question.max ?? 5).map((value) => (
            <Text
              key={value}
              id={`${id}-value-${value}`}
              className={chip(answer?.value === value)}
              onClick={() => onChange({ questionId: question.questionId, value })}
            >
              {value}
            </Text>
          ))}
        </View>
      ) : null}
      {question.kind === 'text' ? (
        <Input
          id={`${id}-text`}
          className="field__input"
          maxlength={500}
          value={answer?.text ?? ''}
          placeholder="请输入"
          onInput={(event) =>
            onChange({ questionId: question.questionId, text: event.detail.value })
          }
        />
      ) : null}
    </View>
  );
}
