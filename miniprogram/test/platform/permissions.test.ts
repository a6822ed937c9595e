import {
  ensurePermission,
  openPermissionSettings,
  readPermissionStates,
} from '../../src/platform/permissions';
import { runAs } from '../support/platform-env';
import { resetWechat, wechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

describe('permissions', () => {
  beforeEach(() => resetWechat());

  describe('in WeChat (weapp)', () => {
    beforeEach(() => runAs('weapp'));

    it('reads allowed, refused and never-asked permissions from wx.getSetting', async () => {
      wechat.authSetting = { 'scope.camera': false };

      await expect(readPermissionStates()).resolves.toEqual({
        'scope.camera': 'denied',
        'scope.writePhotosAlbum': 'not-asked',
      });
    });

    it('shows the new states after the shopper turns one off in settings (C-4.2.1.6)', async () => {
      wechat.authSetting = { 'scope.camera': true };
      wechat.authSettingAfterOpenSetting = { 'scope.camera': false };

      await expect(openPermissionSettings()).resolves.toMatchObject({ 'scope.camera': 'denied' });
    });

    it('goes on without asking when the permission is not refused', async () => {
      await expect(ensurePermission('scope.camera')).resolves.toBe(true);
      expect(wechat.calls.some((call) => call.startsWith('showModal'))).toBe(false);
    });

    it('does not ask again after a refusal; offers settings, and goes on only if turned on', async () => {
      wechat.authSetting = { 'scope.camera': false };
      wechat.authSettingAfterOpenSetting = { 'scope.camera': true };

      await expect(ensurePermission('scope.camera')).resolves.toBe(true);
      expect(wechat.calls).toEqual(['getSetting', 'showModal:相机权限已关闭', 'openSetting']);
    });

    it('stops when the shopper declines to open settings', async () => {
      wechat.authSetting = { 'scope.camera': false };
      wechat.modalConfirms = false;

      await expect(ensurePermission('scope.camera')).resolves.toBe(false);
      expect(wechat.calls).not.toContain('openSetting');
    });
  });

  describe('in the browser (h5)', () => {
    beforeEach(() => runAs('h5'));

    it('leaves permissions to the browser', async () => {
      await expect(readPermissionStates()).resolves.toEqual({
        'scope.camera': 'browser',
        'scope.writePhotosAlbum': 'browser',
      });
      await expect(openPermissionSettings()).resolves.toBeNull();
      await expect(ensurePermission('scope.camera')).resolves.toBe(true);
      expect(wechat.calls).toEqual([]);
    });
  });
});
