// Supabase clients. Values are fake corpus data.
import { createClient } from "@supabase/supabase-js";

const url = "https://fakeprojref604829test.supabase.co";

// Publishable / anon keys are meant to ship to browsers: not findings
export const browser = createClient(url, "sb_publishable_FAKE9xCm5ptqc6dPNrKhGW_jSU6alyE");
export const SUPABASE_ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImZha2Vwcm9qcmVmNjA0ODI5dGVzdCIsInJvbGUiOiJhbm9uIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjIwMDAwMDAwMDB9.FAKEanon0Zq7Xw2Vb9Kd4Hs8Jm1Pc6Tn3Ry5LgW2e8b4d";

// Server-side keys committed by mistake
export const admin = createClient(url, "sb_secret_FAKETANveqdOZDW9A91jYT_wMRc3lC6");
export const SUPABASE_SERVICE_ROLE_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImZha2Vwcm9qcmVmNjA0ODI5dGVzdCIsInJvbGUiOiJzZXJ2aWNlX3JvbGUiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.FAKEsig0LEAKGUARD0Zq7Xw2Vb9Kd4Hs8Jm1Pc6Tn3Ry5Lg";

// The Supabase CLI's local-development defaults are public knowledge: not findings
export const localStack = { url: "http://127.0.0.1:54321", key: "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz" };
export const LOCAL_SERVICE_ROLE_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";

// Management API token used by a migration script
export const SUPABASE_ACCESS_TOKEN = "sbp_0848e61e626b5afd9df9b8fc7a17dae8b37a2f62"; // fake
