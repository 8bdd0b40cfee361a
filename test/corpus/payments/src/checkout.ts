import Stripe from "stripe";
import { SquareClient, SquareEnvironment } from "square";
import { lemonSqueezySetup } from "@lemonsqueezy/lemonsqueezy.js";

// Publishable key: safe in the browser bundle.
export const STRIPE_PUBLISHABLE = "pk_live_51FAKEpublishable0TEST0HMA5ojirEiOLNfTBGdpoYcAbKJRiWLktDWPY7Prf5220H8LP7SCNsSZegBTfPezu8ZM9jMAe9FfH";

// TODO(PAY-412): move the fallback to the secrets manager before launch.
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "sk_test_51TESTcorpus0FAKE0LEAKGUARDAgUNISQGOmX162XnvPdSXT2Zj2NxeGpUajTbijf1GuBtbhBhE9Ud3sJbp5b24Sys8CdTZlQF", {
  apiVersion: "2024-06-20",
});

export const square = new SquareClient({
  token: process.env.SQUARE_ACCESS_TOKEN,
  environment: SquareEnvironment.Production,
});

export const sandboxSquare = new SquareClient({
  token: "EAAATEST0corpus0FAKE0sbx0LEAKGUARD0ewNwChzg5Kee3yEjphJ2LLDdQPlFb",
  environment: SquareEnvironment.Sandbox,
});

lemonSqueezySetup({
  apiKey: "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiRkFLRWNvcnB1c0xlbW9uVEVTVExFQUtHVUFSRDNrIiwic3ViIjoiODgxMiJ9.FAKEcorpusSigTESTLGbKXwMO-9qVA7L4VlfWxj_A0D_Epzv_1utW_L6wgfO0QkZHDviudxtLcpOHISF2mX4Oh",
  onError: (error) => console.error(error),
});

export async function paddleEventTypes(): Promise<unknown> {
  const res = await fetch("https://sandbox-api.paddle.com/event-types", {
    headers: { Authorization: "Bearer pdl_sdbx_apikey_01corpustest8fakehxmel5l4i_TESTcorpusFAKELEAKGUAR_Qm7" },
  });
  return res.json();
}

export const retrieveIntent = (id: string) => stripe.paymentIntents.retrieve(id);
