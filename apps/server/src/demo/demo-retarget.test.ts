import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_PATH, demoRepositoryFiles, GOTK_SYNC_PATH, IMAGE_AUTOMATION_PATH } from './demo-files.js';
import { retargetDemo } from './demo-retarget.js';

const URL = 'http://127.0.0.1:4000/flux-system.git';
const HOST = '127.0.0.1:5000';

function reader(files: Record<string, string>): (path: string) => string | undefined {
  return (path) => files[path];
}

describe('demo files', () => {
  it("carry the guide's image automation and marker on the sandbox registry", () => {
    const files = demoRepositoryFiles(URL, HOST);
    expect(files[DEPLOYMENT_PATH]).toContain(
      `          image: ${HOST}/my-app:v1.0.0 # {"$imagepolicy": "flux-system:my-app"}\n`,
    );
    const automation = files[IMAGE_AUTOMATION_PATH] ?? '';
    expect(automation).toContain(`  image: ${HOST}/my-app\n`);
    expect(automation).toContain('      range: "1.x"\n');
    expect(automation).toContain('    path: ./apps\n');
    expect(automation).toContain(
      '      messageTemplate: "chore: update my-app to {{range .Changed.Changes}}{{.NewValue}}{{end}}"\n',
    );
  });
});

describe('retargetDemo', () => {
  it('leaves an up-to-date repository alone', () => {
    expect(retargetDemo(reader(demoRepositoryFiles(URL, HOST)), URL, HOST)).toBeUndefined();
  });

  it('follows the registry to a new address, keeping the tag the automation wrote', () => {
    const files = demoRepositoryFiles(URL, HOST);
    files[DEPLOYMENT_PATH] = (files[DEPLOYMENT_PATH] ?? '').replace(':v1.0.0 #', ':v1.0.3 #');
    const update = retargetDemo(reader(files), URL, 'localhost:5001');
    expect(update?.message).toBe('Point my-app at the sandbox registry');
    expect(Object.keys(update?.files ?? {}).sort()).toEqual([IMAGE_AUTOMATION_PATH, DEPLOYMENT_PATH].sort());
    expect(update?.files[DEPLOYMENT_PATH]).toContain(
      'image: localhost:5001/my-app:v1.0.3 # {"$imagepolicy": "flux-system:my-app"}\n',
    );
    expect(update?.files[IMAGE_AUTOMATION_PATH]).toContain('  image: localhost:5001/my-app\n');
    expect(update?.files[IMAGE_AUTOMATION_PATH]).not.toContain(HOST);
  });

  it('follows the Git server and the registry in one commit', () => {
    const update = retargetDemo(
      reader(demoRepositoryFiles(URL, HOST)),
      'http://localhost:4000/flux-system.git',
      'localhost:5000',
    );
    expect(update?.message).toBe(
      'Point flux-system at the sandbox Git server; Point my-app at the sandbox registry',
    );
    expect(Object.keys(update?.files ?? {})).toContain(GOTK_SYNC_PATH);
  });

  it('gives a repository seeded before image automation the guide files', () => {
    const files = demoRepositoryFiles(URL, HOST);
    delete files[IMAGE_AUTOMATION_PATH];
    files[DEPLOYMENT_PATH] = (files[DEPLOYMENT_PATH] ?? '').replace(
      ` ${HOST}/my-app:v1.0.0 # {"$imagepolicy": "flux-system:my-app"}\n`,
      ' ghcr.io/myorg/my-app:v1.0.0\n',
    );
    const update = retargetDemo(reader(files), URL, HOST);
    expect(update?.message).toBe("Add the guide's image automation for my-app on the sandbox registry");
    expect(update?.files).toEqual({
      [IMAGE_AUTOMATION_PATH]: demoRepositoryFiles(URL, HOST)[IMAGE_AUTOMATION_PATH],
      [DEPLOYMENT_PATH]: demoRepositoryFiles(URL, HOST)[DEPLOYMENT_PATH],
    });
  });

  it('leaves a user who removed the automation or changed the image alone', () => {
    const removed = demoRepositoryFiles(URL, HOST);
    delete removed[IMAGE_AUTOMATION_PATH];
    expect(retargetDemo(reader(removed), URL, 'localhost:5001')).toBeUndefined();
    const own = demoRepositoryFiles(URL, HOST);
    own[IMAGE_AUTOMATION_PATH] = 'apiVersion: v1\nkind: ConfigMap\n';
    expect(retargetDemo(reader(own), URL, 'localhost:5001')).toBeUndefined();
  });
});
