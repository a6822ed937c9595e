import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';

import PageSection from '../../components/page-section';
import { useNotice } from '../../hooks/use-notice';
import { formatTime } from '../../services/field-labels';
import { goBackOr, replacePage, ROUTES } from '../../services/routes';
import PurposesTable from './purposes-table';
import './index.scss';

/** The versioned privacy notice, public and readable before anything is collected (C-4.1.2a). */
export default function PrivacyNoticePage() {
  const { params } = useRouter();
  const { notice, error } = useNotice();
  const beforeSignup = params.next === 'signup';

  if (!notice)
    return (
      <View className="page">
        <Text className="notice-line">{error ?? '正在加载隐私政策…'}</Text>
      </View>
    );

  return (
    <View className="page privacy-notice" id="privacy-notice-page">
      <View className="privacy-notice__head">
        <Text className="privacy-notice__title">会员隐私政策</Text>
        <Text className="notice-line" id="notice-version">
          第 {notice.version} 版 · 发布于 {formatTime(notice.publishedAt)}
        </Text>
      </View>
      <PageSection title="我们收集哪些信息、用于什么">
        <PurposesTable purposes={notice.purposes} />
      </PageSection>
      <PageSection title="政策全文">
        <Text className="privacy-notice__text" id="notice-text" userSelect>
          {notice.text}
        </Text>
        <Text className="notice-line privacy-notice__hash">
          文本校验值：{notice.textHash.slice(0, 16)}
        </Text>
      </PageSection>
      {beforeSignup ? (
        <View className="actions">
          <Button
            id="notice-continue"
            className="btn btn--primary"
            onClick={() => replacePage(ROUTES.signup)}
          >
            我已阅读，继续注册
          </Button>
        </View>
      ) : (
        <View className="actions">
          <Button className="btn btn--plain" onClick={() => goBackOr(ROUTES.home)}>
            返回
          </Button>
        </View>
      )}
    </View>
  );
}
