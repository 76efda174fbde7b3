import { Client } from 'pg';

describe('test database', () => {
  it('answers on the URL the global setup published', async () => {
    const client = new Client({ connectionString: process.env.RCGATE_TEST_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ v: string }>('select current_setting($1) as v', ['server_version_num']);
    await client.end();
    expect(Number(rows[0].v)).toBeGreaterThanOrEqual(150000);
  });
});
