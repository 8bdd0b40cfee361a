import jwt from "jsonwebtoken";
import { z } from "zod";

// Types: none of these are secrets.
export interface Credentials {
  username: string;
  password: string;
  token?: string | undefined;
  apiKey: ApiKeyRef;
}

export type TokenType = "access_token" | "refresh_token";

const LoginSchema = z.object({
  email: z.string().email(),
  password: z.string().min(12, "Password must be at least 12 characters"),
});

export const labels = {
  password: "Password:",
  confirmPassword: "Confirm password",
  forgotPassword: "Forgot your password?",
  token: "Token",
};

export function signSession(userId: string): string {
  const secret = process.env.SESSION_SIGNING_SECRET;
  if (!secret) throw new Error("SESSION_SIGNING_SECRET is not set");
  return jwt.sign({ sub: userId }, secret, { expiresIn: "15m" });
}

export class ApiClient {
  private readonly token: string;
  private accessToken = this.config.accessToken;
  constructor(private readonly config: { accessToken: string; baseUrl: string }) {
    this.token = config.accessToken;
  }
  headers() {
    return { Authorization: `Bearer ${this.token}` };
  }
}

// Service token pasted while debugging - must be removed (fake, for the corpus).
const DEBUG_SERVICE_TOKEN =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2Uta2V5LTEiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2F1dGguaW50ZXJuYWwudGVzdCIsImF1ZCI6Im9yZGVycy1hcGkiLCJzdWIiOiJzdmMtb3JkZXJzIiwic2NvcGUiOiJvcmRlcnM6cmVhZCIsImV4cCI6MTg5MzQ1NjAwMH0.RkFLRXNpZy1sZWFrZ3VhcmQtVEVTVJYwL82DeaGdyy8Yck0kF4nP47GiCpj7ZfZzp72dpiifA9SHEA8JMOE";

// The jwt.io sample token, used by the parser tests (documented example, not a secret).
export const SAMPLE_JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

// An unsecured token (alg none) is rejected by verify(); it is not a credential.
export const UNSIGNED_JWT = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJGQUtFLXVzZXItMDA0MiIsImFkbWluIjp0cnVlfQ.";

export const redisUrl = process.env.REDIS_URL ?? "redis://localhost:6379/0";
export const mongoUrl = `mongodb://${process.env.MONGO_USER}:${process.env.MONGO_PASSWORD}@mongo:27017/orders`;
