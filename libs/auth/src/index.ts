export * from './auth.module';
export * from './pages/auth-pages.module';
export * from './auth.service';
export * from './session-cookie';
export * from './session.entity';
export * from './sign-in-token.entity';
