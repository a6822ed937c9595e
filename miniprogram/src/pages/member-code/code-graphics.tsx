import { View } from '@tarojs/components';

import { code128cElements } from './code128';
import { qrRows } from './qr-matrix';

/**
 * A bar, a space or a run of QR modules takes its share of the row by flex-grow from a zero
 * basis: the shares always fill the row exactly, where rounded percentages could overflow and
 * squeeze the last module.
 */
const share = (modules: number) => ({ flexGrow: modules, flexShrink: 0, flexBasis: 0 });

/**
 * The code as a CODE128 barcode for the till's scan gun, drawn with plain views so the same
 * markup works in WeChat and in the browser (no canvas API to wrap). The box's own size and
 * white margins are in index.scss.
 */
export function MemberBarcode({ digits }: { digits: string }) {
  const elements = code128cElements(digits);
  const total = elements.reduce((sum, element) => sum + element.modules, 0);

  return (
    <View className="member-code__barcode" id="member-code-barcode" data-modules={total}>
      {elements.map((element, index) => (
        <View
          key={index}
          className={element.bar ? 'member-code__bar' : 'member-code__space'}
          style={share(element.modules)}
        />
      ))}
    </View>
  );
}

/** The same code as a QR code, for scanners that read only 2D codes. */
export function MemberQrCode({ text }: { text: string }) {
  const rows = qrRows(text);

  return (
    <View className="member-code__qr" id="member-code-qr" data-size={rows.length}>
      {rows.map((runs, rowIndex) => (
        <View key={rowIndex} className="member-code__qr-row" style={share(1)}>
          {runs.map((run, runIndex) => (
            <View
              key={runIndex}
              className={run.dark ? 'member-code__dark' : 'member-code__light'}
              style={share(run.modules)}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
