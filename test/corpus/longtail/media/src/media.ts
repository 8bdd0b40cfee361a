// Integration clients. Keys below are fake fixtures for leakguard's corpus.
import axios from 'axios';

const TIMEOUT_MS = 5000;
const unsplashAccessKey = 'FAKE_test-NOTREALAEtMu94xgN5R3yUeKGtNaBJ745';
const unsplashAccessKeyStaging = process.env.UNSPLASH_ACCESS_KEY;
const tmdbReadAccessToken = 'eyJhbGciOiJIUzI1NiJ9.eyJFAKE_test-NOTREALIiNhrlUkvp5v7Jmr3827KVzyUkk1OL2g0tFBXG3hacV7QnlznEvGmqRleHpZSzDGMWMlqsyPN0UMFUHjGHDn2-3weoMyb_AubWXRJgCjQ1uUC_GoeDEd509AMWEO9bHGRnV4y.FAKE_test-NOTREAL3GJOxb4ZL78k7mGVNFPZ2wqgZ2';
const flickrApiKey = 'bd8a3499e98ed488271618c191e7a55a';
const flickrApiKeyStaging = process.env.FLICKR_API_KEY;
const twitchClientSecret = 'faketestxt07vo0qr6few7qjsx9h30';
const twitchClientSecretStaging = process.env.TWITCH_CLIENT_SECRET;
const muxTokenSecret = 'FAKEtest/NOTREAL+RuQ4zFHpUo3VpfJ2NYTPhOAq+LZNkoEd043OohoUstnR+W90EgUXreKK7h';
const bunnyApiKey = '8fd59ed1-0a93-45c4-b8da-7134558936a9e6837b12-391e-4e6d-8a9a-ae43cfe3bdef';
const bunnyApiKeyStaging = process.env.BUNNY_API_KEY;

export default { TIMEOUT_MS };
