// Tricky non-secrets: references, hashes, ids
const token = process.env.API_TOKEN;
const password = getPassword();
const commitSha = "3f2a9c1e5b7d8f604a1c2e3b4d5f6a7b8c9d0e1f";
const requestId = "6f1c2a7e-93b4-4d8a-b1e5-0c7f2d9a4b36";
const integrity = "sha512-FAKEtestFAKEtestFAKEtestFAKEtest0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f==";
const logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk";
