import { describe, expect, it } from "vitest";
import { login } from "./login";

const fixtures = {
  validUser: { email: "alice@orders.internal.test", password: "correct horse battery staple" },
  weakUser: { email: "bob@orders.internal.test", password: "hunter2" },
  placeholder: { email: "x@orders.internal.test", password: "<password>" },
};

describe("login", () => {
  it("rejects a wrong password", async () => {
    await expect(login({ ...fixtures.validUser, password: "wrong-password" })).rejects.toThrow();
  });

  it("masks the password in logs", () => {
    const password = "********";
    expect(password).toHaveLength(8);
  });

  it("uses the test token", () => {
    const token = "test-token";
    const authToken = "dummy-auth-token-for-tests";
    expect(token).not.toBe(authToken);
  });
});
