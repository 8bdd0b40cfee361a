// Integration clients. Keys below are fake fixtures for leakguard's corpus.
import axios from 'axios';

const TIMEOUT_MS = 5000;
const hubspotApiKey = 'de85cf2b-4ca4-4b25-a0ff-9d4f0b7f2f1d';
const hubspotApiKeyStaging = process.env.HUBSPOT_API_KEY;
const insightlyApiKey = '514cd14c-91cd-4b4a-944c-34c6be99e081';
const insightlyApiKeyStaging = process.env.INSIGHTLY_API_KEY;

export default { TIMEOUT_MS };
