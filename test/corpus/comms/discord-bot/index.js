// Moderation bot for the community server (discord.js v14).
// The token and secret below are FAKE fixtures for the leakguard corpus.
const { Client, GatewayIntentBits, REST, Routes } = require("discord.js");

const CLIENT_ID = "482917530614829175"; // application id: public
const GUILD_ID = "1048291753061482917";

// TODO: move to the secret store before release
const DISCORD_TOKEN = "NDgyOTE3NTMwNjE0ODI5MTc1.GcRpUs.Hyq-bJaDFAKE-corpus_TESTs2G5eF146YzVph";
const discordClientSecret = "PTESTcorpusFAKElpcs8MpmuH7yjqQvQ";

// A base64 blob that is not a token: the first segment does not decode to a user id.
const avatarCacheKey = "QXZhdGFyQ2FjaGVLZXkwMDAx.GcRpUs.Hyq-bJaDFAKE-corpus_TESTs2G5eF146YzVph";

const client = new Client({ intents: [GatewayIntentBits.Guilds] });
const rest = new REST({ version: "10" }).setToken(process.env.DISCORD_TOKEN ?? DISCORD_TOKEN);

client.once("ready", () => console.log(`ready as ${client.user.tag}`));

async function registerCommands(commands) {
  await rest.put(Routes.applicationGuildCommands(CLIENT_ID, GUILD_ID), { body: commands });
}

module.exports = { client, registerCommands, discordClientSecret, avatarCacheKey };
client.login(process.env.DISCORD_TOKEN);
