import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { appChannel } from '../../platform/runtime';
import { fetchCurrentNotice, recordConsents } from '../../services/consent-api';
import { isLoggedIn } from '../../services/session';
import {
  answerSurvey,
  fetchSurvey,
  type SurveyAnswer,
  type SurveyView,
} from '../scan/collection-api';
import { collectionMessageOf } from '../scan/collection-messages';
import { codeFromParams, COLLECTION_PAGES } from '../scan/scanned-route';
import QuestionField from './question-field';
import './index.scss';

/**
 * Answer a survey (C-4.2.2.5). Answers are kept under the shopper's pseudonym only with the
 * survey consent, which this page asks for first, with its purpose (C-4.1.2a); questions that
 * ask for a name, phone or address appear only when that consent allows them.
 */
export default function SurveyPage() {
  const router = useRouter();
  const [token, setToken] = useState<string>();
  const [survey, setSurvey] = useState<SurveyView>();
  const [answers, setAnswers] = useState<Record<number, SurveyAnswer>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function load(code: string) {
    try {
      setSurvey(await fetchSurvey(code));
    } catch (failure) {
      setError(collectionMessageOf(failure));
    }
  }

  useEffect(() => {
    try {
      const code = codeFromParams(router.params);
      if (code?.kind !== 'survey') return void Taro.redirectTo({ url: COLLECTION_PAGES.scan });
      setToken(code.token);
      if (isLoggedIn()) void load(code.token);
    } catch (failure) {
      setError(collectionMessageOf(failure));
    }
    // Once per visit, with the code the page was opened with.
  }, []);

  async function agree() {
    if (!token) return;
    try {
      const notice = await fetchCurrentNotice();
      await recordConsents(notice.version, { surveys: true }, appChannel());
      await load(token);
    } catch (failure) {
      setError(collectionMessageOf(failure));
    }
  }

  async function submit() {
    if (!token) return;
    setBusy(true);
    setError('');
    try {
      await answerSurvey(token, Object.values(answers));
      setDone(true);
    } catch (failure) {
      setError(collectionMessageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!isLoggedIn())
    return (
      <View className="page survey" id="survey-page">
        <PageSection title="参与问卷" intro="问卷面向会员，成为会员后即可参与。">
          <View className="actions">
            <Button
              id="survey-join"
              className="btn btn--primary"
              onClick={() => Taro.navigateTo({ url: COLLECTION_PAGES.signup })}
            >
              成为会员
            </Button>
          </View>
        </PageSection>
      </View>
    );

  if (done || survey?.answered)
    return (
      <View className="page survey" id="survey-page">
        <PageSection title="感谢参与" id="survey-done">
          <Text className="notice-line">
            您的回答已保存，仅用于改进商场服务，统计时不显示任何个人身份。
          </Text>
        </PageSection>
      </View>
    );

  return (
    <View className="page survey" id="survey-page">
      {survey && !survey.consent.active ? (
        <PageSection
          title={survey.consent.title}
          intro={survey.consent.description}
          id="survey-consent"
        >
          <Text className="notice-line">
            参与问卷需要您同意“{survey.consent.title}”授权；不同意不影响会员服务。
          </Text>
          <View className="actions">
            <Button id="survey-agree" className="btn btn--primary" onClick={agree}>
              同意并参与
            </Button>
          </View>
        </PageSection>
      ) : null}
      {survey?.consent.active ? (
        <PageSection title={survey.title} intro={survey.intro ?? undefined}>
          {survey.questions.map((question) => (
            <QuestionField
              key={question.questionId}
              question={question}
              answer={answers[question.questionId]}
              onChange={(answer) =>
                setAnswers((current) => ({ ...current, [answer.questionId]: answer }))
              }
            />
          ))}
          <View className="actions">
            <Button id="survey-submit" className="btn btn--primary" loading={busy} onClick={submit}>
              提交
            </Button>
          </View>
        </PageSection>
      ) : null}
      <FormError id="survey-error" message={error} />
    </View>
  );
}
