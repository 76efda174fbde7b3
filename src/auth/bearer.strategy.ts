import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { TokensService } from './tokens.service';

/** passport's bearer strategy over our hashed API tokens. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly tokens: TokensService) {
    super();
  }

  async validate(token: string): Promise<CurrentPrincipal | false> {
    return (await this.tokens.authenticate(token)) ?? false;
  }
}
