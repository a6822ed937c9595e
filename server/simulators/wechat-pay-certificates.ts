import crypto from 'node:crypto';

/**
 * Throwaway X.509 certificates for the WeChat Pay simulator's mutual TLS: a CA, the server's
 * certificate for 127.0.0.1, and a merchant client certificate (what the merchant platform
 * hands out as apiclient_cert). node:crypto reads certificates but cannot make them, so the
 * few DER structures RFC 5280 needs are written out here; EC P-256 keys make each simulator
 * start cost a millisecond instead of an RSA key generation.
 */
export interface PemPair {
  cert: string;
  key: string;
}

export interface SimulatorCertificates {
  ca: PemPair;
  server: PemPair;
  /** The simulator merchant's client certificate (CN = mch_id, as on the merchant platform). */
  merchant: PemPair;
  /** Another client certificate from the same CA, for any CN. */
  issueClient(commonName: string): PemPair;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function createSimulatorCertificates(mchId: string): SimulatorCertificates {
  const caKeys = newKeyPair();
  const caName = distinguishedName('WeChat Pay simulator CA');
  const caCert = certificate({
    subject: caName,
    issuer: caName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: caExtensions(),
  });
  const ca = { cert: caCert, key: pemOf(caKeys.privateKey) };
  const issue = (commonName: string, extensions: Buffer[]): PemPair => {
    const keys = newKeyPair();
    const cert = certificate({
      subject: distinguishedName(commonName),
      issuer: caName,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      extensions,
    });
    return { cert, key: pemOf(keys.privateKey) };
  };

  return {
    ca,
    server: issue('127.0.0.1', serverExtensions()),
    merchant: issue(mchId, clientExtensions()),
    issueClient: (commonName) => issue(commonName, clientExtensions()),
  };
}

interface CertificateFields {
  subject: Buffer;
  issuer: Buffer;
  publicKey: crypto.KeyObject;
  signingKey: crypto.KeyObject;
  extensions: Buffer[];
}

function certificate(fields: CertificateFields): string {
  const now = Date.now();
  const algorithm = sequence(objectId(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serialNumber()),
    algorithm,
    fields.issuer,
    sequence(utcTime(new Date(now - DAY_MS)), utcTime(new Date(now + 30 * DAY_MS))),
    fields.subject,
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...fields.extensions)),
  );
  const signature = crypto.sign('sha256', tbs, fields.signingKey);
  const der = sequence(tbs, algorithm, bitString(signature));

  const base64Lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${base64Lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function caExtensions(): Buffer[] {
  return [
    extension(OID.basicConstraints, sequence(boolean(true)), true),
    // keyCertSign and cRLSign: bits 5 and 6, so one unused bit in the last byte.
    extension(OID.keyUsage, tagged(0x03, Buffer.from([0x01, 0x06])), true),
  ];
}

function serverExtensions(): Buffer[] {
  const ipAddress = tagged(0x87, Buffer.from([127, 0, 0, 1]));
  const dnsName = tagged(0x82, Buffer.from('localhost'));
  return [
    extension(OID.basicConstraints, sequence(), true),
    extension(OID.extKeyUsage, sequence(objectId(OID.serverAuth))),
    extension(OID.subjectAltName, sequence(ipAddress, dnsName)),
  ];
}

function clientExtensions(): Buffer[] {
  return [
    extension(OID.basicConstraints, sequence(), true),
    extension(OID.extKeyUsage, sequence(objectId(OID.clientAuth))),
  ];
}

function extension(oid: string, value: Buffer, critical = false): Buffer {
  const flag = critical ? [boolean(true)] : [];
  return sequence(objectId(oid), ...flag, tagged(0x04, value));
}

function distinguishedName(commonName: string): Buffer {
  const attribute = (oid: string, value: string) =>
    tagged(0x31, sequence(objectId(oid), tagged(0x0c, Buffer.from(value, 'utf8'))));
  return sequence(
    attribute(OID.organization, 'memberkit simulators'),
    attribute(OID.commonName, commonName),
  );
}

function newKeyPair(): crypto.KeyPairKeyObjectResult {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function pemOf(key: crypto.KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function serialNumber(): Buffer {
  const bytes = crypto.randomBytes(12);
  bytes[0] &= 0x7f; // positive
  bytes[0] |= 0x01; // and without a leading zero byte
  return bytes;
}

// ---- DER (ITU-T X.690), only what a certificate needs

function tagged(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);

  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function sequence(...items: Buffer[]): Buffer {
  return tagged(0x30, Buffer.concat(items));
}

function explicit(tagNumber: number, content: Buffer): Buffer {
  return tagged(0xa0 | tagNumber, content);
}

function integer(bytes: Buffer): Buffer {
  const needsPad = (bytes[0] & 0x80) !== 0;
  return tagged(0x02, needsPad ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function boolean(value: boolean): Buffer {
  return tagged(0x01, Buffer.from([value ? 0xff : 0x00]));
}

function bitString(bytes: Buffer): Buffer {
  return tagged(0x03, Buffer.concat([Buffer.from([0]), bytes]));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tagged(0x17, Buffer.from(text, 'ascii'));
}

function objectId(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) bytes.push(...base128(arc));
  return tagged(0x06, Buffer.from(bytes));
}

function base128(value: number): number[] {
  const bytes = [value & 0x7f];
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128))
    bytes.unshift((rest & 0x7f) | 0x80);
  return bytes;
}
