import { Controller, Get } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/environment';
import { AllowFraming, allowFraming, securityHeaders } from './security-headers';

const config = new AppConfig(
  validateEnvironment({ DATABASE_URL: 'postgres://localhost/crm', REDIS_URL: 'redis://localhost' }),
);

@Controller()
class PagesForTest {
  @Get('embed')
  @AllowFraming(() => ['https://campaign.example.org', 'http://localhost:8080'])
  embed(): string {
    return 'embed';
  }

  @Get('page')
  page(): string {
    return 'page';
  }
}

describe('security headers', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [PagesForTest],
      providers: [{ provide: AppConfig, useValue: config }],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>();
    app.use(securityHeaders(config));
    await app.init();
  });
  afterAll(() => app.close());

  it('lets one route be framed by the origins it names, and no other', async () => {
    const embed = await request(app.getHttpServer()).get('/embed').expect(200);
    expect(embed.headers['content-security-policy']).toContain(
      'frame-ancestors https://campaign.example.org http://localhost:8080',
    );
    expect(embed.headers['content-security-policy']).toContain("default-src 'self'");
    expect(embed.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
    expect(embed.headers['x-frame-options']).toBeUndefined();

    const page = await request(app.getHttpServer()).get('/page').expect(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses anything that is not an origin, so nothing can be smuggled into the policy', () => {
    const res = { getHeader: () => "frame-ancestors 'none'", setHeader: jest.fn(), removeHeader: jest.fn() };
    for (const bad of [
      '*',
      'https://a.example.org/path',
      "https://a.example.org; script-src 'unsafe-inline'",
      '',
    ]) {
      expect(() => allowFraming(res as never, [bad])).toThrow('Not an origin');
    }
    expect(res.setHeader).not.toHaveBeenCalled();
  });
});
