
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'error.conflict': `Algo cambió mientras tanto. Revise la información e inténtelo de nuevo.`,
'error.forbidden': `Esto no está disponible con su inicio de sesión.`,
'error.network': `No pudimos comunicarnos con el portal de la consulta. Revise su conexión e inténtelo de nuevo.`,
'error.not-found': `No encontramos lo que buscaba.`,
'error.payload-too-large': `Es demasiado grande para enviarlo.`,
'error.rate-limited': `Demasiados intentos. Espere un momento e inténtelo de nuevo.`,
'error.rate-limited-wait': str`Demasiados intentos. Espere ${0} e inténtelo de nuevo.`,
'error.server': `Algo salió mal de nuestro lado. Inténtelo de nuevo en unos minutos.`,
'error.session-expired': `Se cerró su sesión por inactividad. Vuelva a iniciar sesión.`,
'error.timeout': `El portal está tardando demasiado en responder. Inténtelo de nuevo.`,
'error.unauthorized': `Inicie sesión para continuar.`,
'error.unsupported-type': `No se acepta ese tipo de archivo o de datos.`,
'error.validation': `Revise la información señalada e inténtelo de nuevo.`,
'portal.loading': `Cargando…`,
'portal.not-configured': `Esta parte del portal todavía no está configurada.`,
'portal.retry': `Intentar de nuevo`,
'portal.signed-out': `Inicie sesión para continuar.`,
'probe.call': `Llame a la oficina:`,
'probe.loading': `Cargando los datos de la consulta…`,
    };
  