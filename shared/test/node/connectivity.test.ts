import { Connectivity } from '../../src/node';

describe('Connectivity (adapters: whether the server answered lately)', () => {
  it('starts up and tells listeners only of real changes', () => {
    const connectivity = new Connectivity();
    const heard: boolean[] = [];
    connectivity.onChange((up) => heard.push(up));
    expect(connectivity.isUp).toBe(true);

    connectivity.markUp();
    connectivity.markDown();
    connectivity.markDown();
    expect(connectivity.isUp).toBe(false);
    connectivity.markUp();
    connectivity.markUp();

    expect(heard).toEqual([false, true]);
    expect(connectivity.isUp).toBe(true);
  });

  it('tells every listener, in the order they were added', () => {
    const connectivity = new Connectivity();
    const heard: string[] = [];
    connectivity.onChange((up) => heard.push(`first:${up}`));
    connectivity.onChange((up) => heard.push(`second:${up}`));
    connectivity.markDown();
    expect(heard).toEqual(['first:false', 'second:false']);
  });
});
