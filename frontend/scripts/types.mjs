// Generates src/api/schema.d.ts from the package's OpenAPI document, or checks that the
// committed file is up to date.
//
//   node scripts/types.mjs write   regenerate src/api/schema.d.ts
//   node scripts/types.mjs check   regenerate into a temporary file; exit 1 if it differs
//
// The document comes from `manage.py osce_openapi` (no server needed). The Python that
// runs it is $OSCE_PYTHON (default: the repository's .venv), the project $OSCE_MANAGE
// (default: the example project). Paths are written without the API's mount point
// (`--path-prefix /`): the client's base URL carries it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, "..");
const repository = resolve(frontend, "..");
const committed = join(frontend, "src", "api", "schema.d.ts");
const python = process.env.OSCE_PYTHON ?? join(repository, ".venv", "bin", "python");
const manage = process.env.OSCE_MANAGE ?? join(repository, "example_project", "manage.py");
const generator = join(frontend, "node_modules", ".bin", "openapi-typescript");

const mode = process.argv[2];
if (mode !== "write" && mode !== "check") {
  console.error("usage: node scripts/types.mjs write|check");
  process.exit(2);
}
for (const [what, path] of [["Python", python], ["manage.py", manage], ["openapi-typescript", generator]]) {
  if (!existsSync(path)) {
    console.error(`${what} not found at ${path} (run 'make .venv/.installed-dev' and 'npm ci').`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), "osce-types-"));
try {
  const documentPath = join(work, "openapi.json");
  execFileSync(python, [manage, "osce_openapi", "--path-prefix", "/", "--output", documentPath], {
    cwd: dirname(manage),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const target = mode === "write" ? committed : join(work, "schema.d.ts");
  execFileSync(generator, [documentPath, "--output", target], { stdio: ["ignore", "ignore", "inherit"] });
  if (mode === "check") {
    const fresh = readFileSync(target, "utf8");
    const current = existsSync(committed) ? readFileSync(committed, "utf8") : "";
    if (fresh !== current) {
      console.error(
        "src/api/schema.d.ts is stale: the API's OpenAPI document changed. Run 'npm run generate:types' and commit the result.",
      );
      process.exit(1);
    }
    console.log("src/api/schema.d.ts matches the API's OpenAPI document.");
  } else {
    console.log(`Wrote ${committed}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
