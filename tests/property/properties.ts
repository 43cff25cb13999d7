// The hardening properties in one list, shared by the normal tests (fixed seed) and scripts/fuzz.ts (many
// runs, random seed). `runs` is the count for the normal suite; the fuzzer multiplies it.
import type fc from "fast-check";
import { credentialRoundTrip, pskNetworkRoundTrip } from "./render_properties.ts";
import { outputParsingIsTotal, stateMachineIsTotal, tlvDecodingIsTotal } from "./parse_properties.ts";
import {
  anyJsonValidates,
  anyTextValidates,
  mutatedFilesValidate,
  problemsNeverEchoValues,
} from "./plan_properties.ts";
import { dryRunAgreesWithRun } from "./dry_run_properties.ts";

/** One property with its name (a behaviour) and its run count in the normal suite. */
export interface NamedProperty {
  name: string;
  // deno-lint-ignore no-explicit-any -- each property has its own argument tuple
  property: fc.IProperty<any> | fc.IAsyncProperty<any>;
  runs: number;
}

/** Every property of the hardening suite. */
export const PROPERTIES: NamedProperty[] = [
  {
    name: "a WPS credential of any SSID bytes and valid key reads back from its file exactly",
    property: credentialRoundTrip,
    runs: 150,
  },
  {
    name: "a psk network of any SSID, key and keyMgmt reads back from its file exactly",
    property: pskNetworkRoundTrip,
    runs: 150,
  },
  {
    name: "decoding WPS credential TLVs never throws and returns a typed result",
    property: tlvDecodingIsTotal,
    runs: 1000,
  },
  {
    name: "parsing replies, events, scan results and bss/status never throws",
    property: outputParsingIsTotal,
    runs: 1000,
  },
  { name: "the WPS state machine takes any event sequence", property: stateMachineIsTotal, runs: 500 },
  {
    name: "any JSON value is validated into a plan or located problems",
    property: anyJsonValidates,
    runs: 500,
  },
  {
    name: "mutated provisioning files are validated into a plan or located problems",
    property: mutatedFilesValidate,
    runs: 500,
  },
  { name: "any text is validated without an exception", property: anyTextValidates, runs: 500 },
  {
    name: "no problem repeats a secret-looking value, whatever broken YAML/JSON surrounds it",
    property: problemsNeverEchoValues,
    runs: 1000,
  },
  {
    name: "provision --dry-run and the run (fake supplicant) decide the same for any plan and disk state",
    property: dryRunAgreesWithRun,
    runs: 40,
  },
];
