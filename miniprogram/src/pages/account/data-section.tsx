import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { keepJson } from '../../platform/save-json';
import { isWeapp } from '../../platform/runtime';
import { messageOf } from '../../services/api-error';
import { exportMyData } from '../../services/member-api';

/** Everything held about me, as JSON I can read and keep. */
export default function DataSection() {
  const [data, setData] = useState<Record<string, unknown>>();
  const [error, setError] = useState('');

  async function load() {
    try {
      setData(await exportMyData());
      setError('');
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function keep() {
    if (!data) return;

    const how = await keepJson('my-member-data.json', data);
    Taro.showToast({ title: how === 'copied' ? '已复制到剪贴板' : '已下载', icon: 'none' });
  }

  return (
    <PageSection
      title="我的数据"
      intro="导出我们保存的您的全部信息（JSON 格式）。"
      id="account-export"
    >
      {data ? (
        <View>
          <ScrollView scrollY className="export-view" id="export-json">
            <Text userSelect>{JSON.stringify(data, null, 2)}</Text>
          </ScrollView>
          <Button id="export-keep" className="btn btn--plain btn--small" onClick={keep}>
            {isWeapp() ? '复制 JSON' : '下载 JSON 文件'}
          </Button>
        </View>
      ) : (
        <Button id="export-show" className="btn btn--plain btn--small" onClick={load}>
          导出我的数据
        </Button>
      )}
      <FormError id="export-error" message={error} />
    </PageSection>
  );
}
