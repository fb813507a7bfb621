// ISO 4217 active currency codes and their minor-unit exponents (the number of decimal places).
// Most currencies use 2; the exceptions are listed so a change in the standard is a data change.

const zeroDecimal = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const threeDecimal = 'BHD IQD JOD KWD LYD OMR TND';
const fourDecimal = 'CLF UYW';
const twoDecimal = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD
  BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP
  GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR
  LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN
  PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS
  TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG`;

const exponents = new Map<string, number>();
for (const [codes, exponent] of [
  [twoDecimal, 2],
  [zeroDecimal, 0],
  [threeDecimal, 3],
  [fourDecimal, 4],
] as const) {
  for (const code of codes.split(/\s+/).filter(Boolean)) exponents.set(code, exponent);
}

export type CurrencyCode = string;

/** Every known currency with its exponent (for a query that weighs amounts per currency). */
export function currencyExponents(): ReadonlyMap<CurrencyCode, number> {
  return exponents;
}

export function isCurrencyCode(code: string): boolean {
  return exponents.has(code);
}

/** The number of minor-unit digits of an ISO 4217 currency; throws for an unknown code. */
export function currencyExponent(code: CurrencyCode): number {
  const exponent = exponents.get(code);
  if (exponent === undefined) throw new Error(`unknown currency code "${code}"`);
  return exponent;
}
