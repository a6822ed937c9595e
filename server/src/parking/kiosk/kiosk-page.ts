import { KIOSK_ERROR_MESSAGES, KIOSK_STATUS_MESSAGES } from './kiosk-messages';

/**
 * The pay kiosk page (C-4.2.2.6): type the plate, see the fee, pay by scanning a WeChat Pay
 * QR code with the phone. Plain HTML and JavaScript served by the server; the kiosk holds
 * only the revocable token it got when staff paired it (design.md), and the page never shows
 * an entry time. It forgets the plate after each payment and after a minute without input,
 * because the next person at this public screen must not see it.
 */
export const KIOSK_PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>停车缴费</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
  main { max-width: 560px; margin: 0 auto; padding: 32px 20px; }
  h1 { font-size: 28px; margin: 0 0 24px; }
  section { background: #fff; border-radius: 12px; padding: 20px; margin-bottom: 16px; }
  input { font-size: 28px; width: 100%; box-sizing: border-box; padding: 12px; letter-spacing: 2px; }
  button { font-size: 22px; padding: 12px 24px; margin-top: 12px; border: 0; border-radius: 8px;
    background: #07c160; color: #fff; }
  button.secondary { background: #8a96a3; }
  .fee { font-size: 40px; font-weight: 700; margin: 8px 0; }
  .message { font-size: 20px; min-height: 28px; }
  .qr svg { width: 280px; height: 280px; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<main>
  <h1>停车缴费</h1>
  <section id="pairing" hidden>
    <p>请工作人员输入配对码</p>
    <input id="pairing-code" autocomplete="off" maxlength="16">
    <button id="pair">配对</button>
  </section>
  <section id="lookup" hidden>
    <p id="lot-name"></p>
    <label for="plate">请输入车牌号</label>
    <input id="plate" autocomplete="off" maxlength="10" placeholder="例如 粤B12345">
    <button id="quote">查询停车费</button>
  </section>
  <section id="result" hidden>
    <p class="fee" id="fee"></p>
    <button id="pay" hidden>微信扫码支付</button>
    <button id="simulate-pay" class="secondary" hidden>模拟支付（开发环境）</button>
    <button id="reset" class="secondary">重新输入</button>
    <div class="qr" id="qr"></div>
  </section>
  <p class="message" id="message" role="status"></p>
</main>
<script src="/parking/kiosk/kiosk.js"></script>
</body>
</html>
`;

export const KIOSK_PAGE_SCRIPT = `(function () {
  'use strict';
  var MESSAGES = ${JSON.stringify(KIOSK_ERROR_MESSAGES)};
  var STATUS_MESSAGES = ${JSON.stringify(KIOSK_STATUS_MESSAGES)};
  var TOKEN_KEY = 'memberkit.parking.kioskToken';
  var LOT_KEY = 'memberkit.parking.lotName';
  var IDLE_MS = 60000;
  var state = { plate: '', orderId: '', poll: 0, idle: 0, simulatedPayment: false };

  function $(id) { return document.getElementById(id); }
  function show(id, visible) { $(id).hidden = !visible; }
  function say(text) { $('message').textContent = text || ''; }
  function yuan(fen) { return (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2); }

  // The server's messages are English: the screen says the Chinese one for the code, or for
  // the status when the code is not listed.
  function messageFor(code, status) {
    if (code && MESSAGES[code]) return MESSAGES[code];
    if (STATUS_MESSAGES[String(status)]) return STATUS_MESSAGES[String(status)];
    return STATUS_MESSAGES[status >= 400 && status < 500 ? '4xx' : '5xx'];
  }

  function call(method, path, body) {
    var headers = { Accept: 'application/json' };
    var token = localStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Kiosk ' + token;
    if (body) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .catch(function () { throw new Error(MESSAGES.NETWORK_ERROR); })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          var code = json.error && json.error.code;
          if (response.ok) return json;
          if (response.status === 401 && code === 'PARKING_KIOSK_TOKEN_INVALID') {
            localStorage.removeItem(TOKEN_KEY);
            start();
          }
          throw new Error(messageFor(code, response.status));
        });
      });
  }

  function start() {
    var paired = Boolean(localStorage.getItem(TOKEN_KEY));
    show('pairing', !paired);
    show('lookup', paired);
    show('result', false);
    $('lot-name').textContent = localStorage.getItem(LOT_KEY) || '';
    reset();
  }

  function reset() {
    clearInterval(state.poll);
    state.plate = '';
    state.orderId = '';
    $('plate').value = '';
    $('qr').innerHTML = '';
    $('fee').textContent = '';
    show('pay', false);
    show('simulate-pay', false);
    show('result', false);
    say('');
  }

  function touch() {
    clearTimeout(state.idle);
    state.idle = setTimeout(reset, IDLE_MS);
  }

  function pair() {
    call('POST', '/v1/parking/kiosk/pair', { pairingCode: $('pairing-code').value })
      .then(function (answer) {
        localStorage.setItem(TOKEN_KEY, answer.token);
        localStorage.setItem(LOT_KEY, answer.lotName);
        $('pairing-code').value = '';
        start();
      })
      .catch(function (error) { say(error.message); });
  }

  function quote() {
    state.plate = $('plate').value;
    call('POST', '/v1/parking/kiosk/quote', { plate: state.plate })
      .then(function (answer) {
        show('result', true);
        show('pay', answer.status === 'fee-due');
        $('qr').innerHTML = '';
        if (answer.status === 'not-found') $('fee').textContent = '未找到该车辆的停车记录';
        else if (answer.status === 'fee-due') $('fee').textContent = '停车费 ' + yuan(answer.dueFen) + ' 元';
        else $('fee').textContent = '无需缴费，请直接离场';
        say('');
      })
      .catch(function (error) { say(error.message); });
  }

  function pay() {
    call('POST', '/v1/parking/kiosk/orders', { plate: state.plate })
      .then(function (answer) {
        state.orderId = answer.orderId;
        show('pay', false);
        if (answer.status === 'paid') return paid();
        $('qr').innerHTML = answer.qrSvg || '';
        show('simulate-pay', state.simulatedPayment);
        say('请用微信扫描二维码支付 ' + yuan(answer.amountFen) + ' 元');
        state.poll = setInterval(checkOrder, 2000);
      })
      .catch(function (error) { say(error.message); });
  }

  function checkOrder() {
    call('GET', '/v1/parking/kiosk/orders/' + encodeURIComponent(state.orderId))
      .then(function (answer) {
        if (answer.status === 'paid') paid();
        else if (answer.status === 'closed') {
          clearInterval(state.poll);
          show('simulate-pay', false);
          say('订单已失效，请重新查询');
        }
      })
      .catch(function () { /* keep polling: a failed check is not an answer */ });
  }

  // Development only: no phone here to scan the QR code, so the WeChat Pay simulator pays the
  // order and notifies the server (server/src/dev). A production server has no /v1/dev routes,
  // so the button never shows there.
  function offerSimulatedPayment() {
    fetch('/v1/dev/info', { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (info) { state.simulatedPayment = info.simulatedPayment === true; })
      .catch(function () { state.simulatedPayment = false; });
  }

  function simulatePay() {
    show('simulate-pay', false);
    call('POST', '/v1/dev/parking/orders/' + encodeURIComponent(state.orderId) + '/simulate-payment', {})
      .then(checkOrder)
      .catch(function (error) { show('simulate-pay', true); say(error.message); });
  }

  function paid() {
    clearInterval(state.poll);
    show('simulate-pay', false);
    $('qr').innerHTML = '';
    $('fee').textContent = '支付成功';
    say('请在规定时间内离场，祝您一路顺风');
    state.plate = '';
    $('plate').value = '';
    setTimeout(reset, 10000);
  }

  $('pair').addEventListener('click', pair);
  $('quote').addEventListener('click', quote);
  $('pay').addEventListener('click', pay);
  $('reset').addEventListener('click', reset);
  $('simulate-pay').addEventListener('click', simulatePay);
  document.addEventListener('input', touch);
  document.addEventListener('click', touch);
  offerSimulatedPayment();
  start();
})();
`;
