// `npm run user:create -- --email ana@siao95.fr --role organiser [--name "Ana B."] [--generate]`
// Without --generate the password is asked for (hidden) on a terminal, or read from the first
// line of standard input when piped.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createUser, UserError } from "#app/domain/accounts/users.server.ts";
import { USER_ROLES } from "#app/domain/shared/vocabulary.ts";
import { openDatabase } from "#app/lib/db.server.ts";
import { env } from "#app/lib/env.server.ts";
import { MIN_PASSWORD_LENGTH } from "#app/lib/password.server.ts";

const usage = `Usage: npm run user:create -- --email <adresse> --role <${USER_ROLES.join("|")}> [--name <nom>] [--generate]`;

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    generate: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const args = z
  .object({
    email: z.email({ error: "--email doit être une adresse e-mail valide" }),
    role: z.enum(USER_ROLES, { error: `--role doit valoir ${USER_ROLES.join(", ")}` }),
    name: z.string().min(1).optional(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(args.error.issues.map((issue) => issue.message).join("\n"));
  console.error(usage);
  process.exit(2);
}

const password = values.generate ? randomBytes(15).toString("base64url") : await askPassword();
const db = openDatabase(env().databasePath);
try {
  const user = await createUser(db, {
    email: args.data.email,
    role: args.data.role,
    name: args.data.name ?? args.data.email.split("@")[0]!,
    password,
  });
  console.log(`Compte créé : ${user.email} (${user.role})`);
  if (values.generate) console.log(`Mot de passe généré : ${password}`);
} catch (error) {
  if (error instanceof UserError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
} finally {
  db.$client.close();
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    console.error("Aucun mot de passe reçu sur l’entrée standard (ou utilisez --generate).");
    process.exit(2);
  }
  const first = await hiddenPrompt(`Mot de passe (${MIN_PASSWORD_LENGTH} caractères minimum) : `);
  const second = await hiddenPrompt("Confirmez le mot de passe : ");
  if (first !== second) {
    console.error("Les deux saisies diffèrent.");
    process.exit(2);
  }
  return first;
}

function hiddenPrompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    output._writeToOutput = (text: string) => {
      if (text.startsWith(question)) process.stdout.write(question);
    };
  });
}
