// The lab suite of wpa_supplicant 2.10 (see suite.ts); one file per generation so they can boot in parallel.
import { labSuiteFor } from "./suite.ts";

labSuiteFor("2.10");
