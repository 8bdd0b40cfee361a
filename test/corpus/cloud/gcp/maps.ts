// Map widget config. Keys below are fake values for the scanner corpus.
import { Loader } from "@googlemaps/js-api-loader";

const loader = new Loader({
  apiKey: "AIzaFAKEYfTIuxhuyC_eAa1PRX_w7WY_r1qYvKj",
  version: "weekly",
});

// The sample key printed in Google's API key documentation is not a finding.
export const DOCS_SAMPLE_KEY = "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe";
// Truncated in a log line, too short to be a key
export const TRUNCATED = "AIzaFAKEYfTIuxhuyC_eAa1";

export const firebaseConfig = {
  apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY,
  authDomain: "fake-project-604829.firebaseapp.com",
  projectId: "fake-project-604829",
  messagingSenderId: "604829175318",
};

export const oauthClient = {
  clientId: "604829175318-f4k3t3st0nly.apps.googleusercontent.com",
  clientSecret: "GOCSPX-FAKEybSQdCFIk9hzbtL6mD5UJ5Tr",
  redirectUri: "http://localhost:3000/api/auth/callback/google",
};

export default loader;
