import Taro from '@tarojs/taro';

import { isWeapp } from './runtime';

export type PermissionScope = 'scope.camera' | 'scope.writePhotosAlbum';

/** 'browser': H5, where the browser asks and keeps the answer itself. */
export type PermissionState = 'granted' | 'denied' | 'not-asked' | 'browser';

export interface DevicePermission {
  scope: PermissionScope;
  name: string;
  usedFor: string;
}

/**
 * C-4.2.1.6: a device permission is asked for the one feature that needs it, and turning it off
 * stops that collection at once without touching what was done before.
 */
export const DEVICE_PERMISSIONS: readonly DevicePermission[] = [
  {
    scope: 'scope.camera',
    name: '相机',
    usedFor: '扫描实体会员卡上的条码，仅在您点击“扫码”时使用',
  },
  {
    scope: 'scope.writePhotosAlbum',
    name: '相册',
    usedFor: '把会员码保存为图片，仅在您点击“保存到相册”时使用',
  },
];

function stateOf(authSetting: Record<string, boolean | undefined>, scope: PermissionScope) {
  const value = authSetting[scope];
  if (value === undefined) return 'not-asked';

  return value ? 'granted' : 'denied';
}

function statesFrom(authSetting: Record<string, boolean | undefined>) {
  const states = {} as Record<PermissionScope, PermissionState>;
  for (const { scope } of DEVICE_PERMISSIONS) states[scope] = stateOf(authSetting, scope);

  return states;
}

function browserStates(): Record<PermissionScope, PermissionState> {
  return { 'scope.camera': 'browser', 'scope.writePhotosAlbum': 'browser' };
}

/** wx.getSetting: what the shopper has allowed, refused or not been asked yet. */
export async function readPermissionStates(): Promise<Record<PermissionScope, PermissionState>> {
  if (!isWeapp()) return browserStates();

  const { authSetting } = await Taro.getSetting();
  return statesFrom(authSetting as Record<string, boolean | undefined>);
}

/** wx.openSetting: the shopper turns permissions on or off; H5 has no such page (null). */
export async function openPermissionSettings(): Promise<Record<
  PermissionScope,
  PermissionState
> | null> {
  if (!isWeapp()) return null;

  const { authSetting } = await Taro.openSetting();
  return statesFrom(authSetting as Record<string, boolean | undefined>);
}

/**
 * Before a feature uses the device: the page already shows why (DevicePermission.usedFor), and
 * WeChat asks the first time itself. A refused permission is not asked again (U-6.6.1b): the
 * shopper is offered the settings page, and the feature goes on only if they turn it on there.
 */
export async function ensurePermission(scope: PermissionScope): Promise<boolean> {
  if (!isWeapp()) return true;

  const state = (await readPermissionStates())[scope];
  if (state !== 'denied') return true;

  const permission = DEVICE_PERMISSIONS.find((candidate) => candidate.scope === scope);
  const { confirm } = await Taro.showModal({
    title: `${permission?.name ?? '设备'}权限已关闭`,
    content: `${permission?.usedFor ?? ''}。如需使用，请在设置中开启。`,
    confirmText: '去设置',
    cancelText: '暂不',
  });
  if (!confirm) return false;

  const states = await openPermissionSettings();
  return states?.[scope] === 'granted';
}
