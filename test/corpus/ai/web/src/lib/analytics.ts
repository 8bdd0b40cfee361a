// Browser analytics bootstrap. Public identifiers only - server secrets live in api/.
import posthog from "posthog-js";
import mixpanel from "mixpanel-browser";
import * as amplitude from "@amplitude/analytics-browser";
import mapboxgl from "mapbox-gl";
import { initialize } from "launchdarkly-js-client-sdk";

// PostHog project API key: public by design (phc_).
posthog.init("phc_FAKE0TEST0publicBD3agrwEG9NxW1t06jWymzfiHEC", { api_host: "https://eu.i.posthog.com" });

// Mixpanel project token: identifies the project, it is not a secret.
mixpanel.init("226b923486b73f431d96e14fd47968e7", { track_pageview: true });

// Amplitude API key: shipped to every browser.
amplitude.init("78a65e9f91da9b434813122606f5e896");

// Mapbox public token (pk.), restricted to our domains.
mapboxgl.accessToken = "pk.eyJ1IjoibGVha2d1YXJkLWZha2UiLCJhIjoiRkFLRXB1YmxpYzAifQ.FAKE0PUBLIC0vWq3yZx8kTt";

// LaunchDarkly client-side ID (24 hex): not a secret.
export const ldClient = initialize("60482917a3c5e2b1d9f40c7e", { kind: "user", key: "anonymous" });

// New Relic browser agent settings (the browser key ships in every page).
export const NREUM_LOADER_CONFIG = {
  accountID: "604829",
  applicationID: "60482917",
  licenseKey: "NRJS-a9175ac1d5457ece912",
};
