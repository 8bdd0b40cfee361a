// Push notifications through OneSignal. FAKE keys for the leakguard corpus.
const ONESIGNAL_APP_ID = "91f75b59-7856-4530-bc85-1207cbc60f80"; // public, used by the web SDK

// v2 App API key, hard-coded for the load test (fake)
const ONESIGNAL_API_KEY =
  "os_v2_app_whqouuzmdwhfybdp6ayqp433mkhg2qhoqjmpy4orarnqcvh4iez7csxx6fakecorpus4sescz2ckei2gmovuqm7jrhlswchkruq2zoc";

// Organization key used by the provisioning script (fake)
const orgHeaders = {
  Authorization: "Key os_v2_org_phl2pcq5quncmre5n7agbkjra3toegfj2hah66kj4fcjcl26rnmgrvajcix5tts4kwg5wpdpqbagepqp5wx6testcorpusvbbao4yrv",
};

// Legacy REST key still used by the old admin panel (fake)
const onesignalLegacyKey = "Basic 5J7EETFpqDPJCFFAKEcorpusONESIGNALX1vf1Liih6lT85a";

// Key-type check: the prefixes alone are not keys
export function keyType(key: string): string {
  if (key.startsWith("os_v2_app_")) return "app";
  if (key.startsWith("os_v2_org_")) return "organization";
  return "legacy";
}

export async function notify(title: string, message: string): Promise<Response> {
  return fetch("https://api.onesignal.com/notifications?c=push", {
    method: "POST",
    headers: { Authorization: `Key ${ONESIGNAL_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ app_id: ONESIGNAL_APP_ID, headings: { en: title }, contents: { en: message } }),
  });
}

export { orgHeaders, onesignalLegacyKey };
