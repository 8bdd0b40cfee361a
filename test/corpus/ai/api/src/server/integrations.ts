import * as ld from "@launchdarkly/node-server-sdk";
import { PostHog } from "posthog-node";
import { Analytics } from "@segment/analytics-node";

// Server-side SDK key: secret. Should be process.env.LAUNCHDARKLY_SDK_KEY (SEC-6051).
export const flags = ld.init("sdk-5c400a51-17eb-eaf6-963c-50d2be5978b9");

// Mobile keys (mob-) are meant to ship in apps.
export const MOBILE_KEY = "mob-8c3afec3-38b3-6d79-b9ab-3dd17ebee1c5";

export const posthog = new PostHog("phc_FAKE0TEST0publicBD3agrwEG9NxW1t06jWymzfiHEC", {
  host: "https://eu.i.posthog.com",
  personalApiKey: "phx_FAKE0TEST0leakguardELmanhCYLI0oZGQkFyFhsLho",
});

export const analytics = new Analytics({
  writeKey: "FAKEtest0leakguardh8Tdfoo0HY6nBW",
  flushAt: 20,
});

// Phoenix channel events share the phx_ prefix; they are not PostHog keys.
export const PHX_EVENTS = ["phx_join", "phx_leave", "phx_reply_with_cached_presence_state"];
