import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Schema, model } from "mongoose";
import bcrypt from "bcryptjs";

@Entity("users")
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: "password_hash" }) passwordHash!: string;
  @Column({ nullable: true }) passwordResetToken?: string;
  @Column({ type: "varchar", length: 64, nullable: true }) apiTokenDigest?: string;

  async setPassword(password: string): Promise<void> {
    if (password.length < 12) throw new Error("Password too short");
    this.passwordHash = await bcrypt.hash(password, 12);
  }
}

export const SessionSchema = new Schema({
  token: { type: String, required: true, index: true },
  password: { type: String, required: true, select: false },
  refreshToken: String,
});
export const Session = model("Session", SessionSchema);

export const API_KEY_STORAGE_KEY = "acme.apiKey";
export const authHeaders = (token: string) => ({ authorization: `Bearer ${token}` });
export const fetchOptions: RequestInit = { credentials: "include" };
export const PASSWORD_PATTERN = "^(?=.*[0-9])(?=.*[a-z]).{12,64}$";
export const pagination = { nextPageToken: "CAoQAA7f3a9c1e5b2d8064", pageSize: 50 };
