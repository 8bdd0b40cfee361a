// Integration clients. Keys below are fake fixtures for leakguard's corpus.
import axios from 'axios';

const TIMEOUT_MS = 5000;
const hereApiKey = 'FAKE_test-NOTREALgQVmNnBKPLAFByRF996emLWKfD';
const tomtomApiKey = 'FAKEtestNOTREALo44eMrROM94oAEOsM';
const abstractApiKey = '0f3193fd4c07f51486bb58f96d20b431';
const orsApiKey = '5b3ce3597851110001cf62480e8f67bf7cf4d97e6eea815264db8ab4';

export default { TIMEOUT_MS };
