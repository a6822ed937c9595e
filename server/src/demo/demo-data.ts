import { computeCheckCharacter } from '@memberkit/shared';

/**
 * The demo mall's shoppers. All of it is fake; tests also use it to prove that none of these
 * values ever reaches a database file, a dump or a log in plain text (S-5.3a).
 */
export interface DemoShopper {
  name: string;
  phone: string;
  openid: string;
  residentId?: string;
  nickname: string;
  birthDate: string;
  province: string;
  address: string;
}

function residentId(first17: string): string {
  return first17 + computeCheckCharacter(first17);
}

export const DEMO_SHOPPERS: DemoShopper[] = [
  {
    name: '林晓雯',
    phone: '13912340001',
    openid: 'oDemoWx_lin_xiaowen_0001',
    residentId: residentId('44030419900315002'),
    nickname: '晓雯🐟',
    birthDate: '1990-03-15',
    province: '广东',
    address: '深圳市南山区海岸城示例路1号',
  },
  {
    name: '陈志远',
    phone: '13912340002',
    openid: 'oDemoWx_chen_zhiyuan_0002',
    nickname: '远方',
    birthDate: '1985-11-02',
    province: '广东',
    address: '深圳市福田区示例大道88号',
  },
  {
    name: '王雨桐',
    phone: '13912340003',
    openid: 'oDemoWx_wang_yutong_0003',
    residentId: residentId('11010119950720004'),
    nickname: '桐桐🌸',
    birthDate: '1995-07-20',
    province: '北京',
    address: '北京市朝阳区示例街道3号',
  },
  {
    name: '赵明轩',
    phone: '13912340004',
    openid: 'oDemoWx_zhao_mingxuan_0004',
    nickname: '明轩',
    birthDate: '2000-01-09',
    province: '上海',
    address: '上海市浦东新区示例路66号',
  },
  {
    name: '周佳怡',
    phone: '13912340005',
    openid: 'oDemoWx_zhou_jiayi_0005',
    nickname: '佳怡',
    birthDate: '1992-12-31',
    province: '浙江',
    address: '杭州市西湖区示例巷5号',
  },
];

/** Cards issued at the counter before the mini-program existed (C-4.2.1.3a card binding). */
export const DEMO_OFFLINE_CARDS = [
  { cardNo: '80000001', phone: '13912340003', points: 1200 },
  { cardNo: '80000002', phone: '13912340006', points: 350 },
];
