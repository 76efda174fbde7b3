import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { RateLimitGuard } from '../common/limits/rate-limit.guard';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthFailureRecorder } from './auth-failure.recorder';
import { AuthGuard } from './auth.guard';
import { BearerStrategy } from './bearer.strategy';
import { MeController } from './me.controller';
import { PrincipalScopeChecks } from './principal-scope-checks';
import { PrincipalsController } from './principals.controller';
import { PrincipalsRepository } from './principals.repository';
import { PrincipalsResolver } from './principals.resolver';
import { PrincipalsService } from './principals.service';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';

@Module({
  imports: [PassportModule],
  controllers: [MeController, PrincipalsController, TokensController],
  providers: [
    PrincipalsRepository,
    PrincipalsService,
    PrincipalScopeChecks,
    PrincipalsResolver,
    TokensRepository,
    TokensService,
    BearerStrategy,
    AuthFailureRecorder,
    AdminBootstrap,
    // Global guards run in registration order: the rate limit needs the principal AuthGuard sets.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [PrincipalsService, PrincipalScopeChecks, TokensService, AdminBootstrap],
})
export class AuthModule {}
