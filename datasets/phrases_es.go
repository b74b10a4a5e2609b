package datasets

var bookES = phrasebook{
	dateLayout: "02/01/2006",
	names:      []string{"Lucía", "Javier", "Carmen", "Diego", "Elena", "Pablo"},
	streets:    []string{"Calle Mayor 12, 28013 Madrid", "Avenida Diagonal 405, 08008 Barcelona", "Calle Reforma 221, 06600 Ciudad de México"},

	greetBot: []string{
		"¡Hola! 👋 Soy Nora, la asistente virtual de {brand}. ¿En qué puedo ayudarle hoy?",
		"Bienvenido al servicio de atención al cliente de {brand}. Soy un asistente automático, ¿cuál es su consulta?",
	},
	greetAgent: []string{
		"Hola, me llamo {agent} y hoy le voy a atender yo. ¿En qué puedo ayudarle?",
		"Buenas, está hablando con {agent}, del servicio de atención al cliente de {brand}. ¿Qué necesita?",
	},
	takeover: []string{
		"Hola, soy {agent}, del equipo de atención al cliente. He leído su conversación con nuestro asistente, así que no hace falta que lo repita todo.",
		"Buenas, le atiende {agent}. Gracias por esperar, ahora mismo reviso su caso.",
	},
	open: map[string][]string{
		"refund": {
			"Hola, devolví un artículo hace dos semanas y todavía no he recibido el reembolso de {amount}. Pedido {order}.",
			"¿Cuándo me devuelven el dinero? Envié el paquete de vuelta el {date}.",
		},
		"delivery": {
			"¿Dónde está mi pedido {order}? Tenía que llegar el {date}.",
			"Mi paquete todavía no ha llegado y el seguimiento no se actualiza desde hace días.",
		},
		"payment_failed": {
			"Mi pago de {amount} falla una y otra vez al pagar, pero tengo saldo en la tarjeta.",
			"He intentado pagar tres veces y siempre me sale «pago rechazado». ¿Qué está pasando?",
		},
		"account_access": {
			"No puedo entrar en mi cuenta, me dice que la contraseña es incorrecta aunque la he restablecido.",
			"El código de verificación nunca me llega por SMS, así que no puedo iniciar sesión.",
		},
		"cancel_subscription": {
			"Quiero cancelar mi suscripción {plan}, ¿cómo lo hago?",
			"Por favor, den de baja mi suscripción, ya no la uso.",
		},
		"invoice": {
			"Necesito una factura de mi último pago de {amount} con los datos de mi empresa.",
			"La factura {invoice} tiene un importe incorrecto. ¿Pueden corregirla?",
		},
		"card_blocked": {
			"Me han bloqueado la tarjeta cuando estaba pagando en una tienda. ¿Por qué?",
			"De repente mi tarjeta no funciona, dice que está bloqueada. ¡Estoy en el extranjero ahora mismo!",
		},
		"fraud_report": {
			"Hay un cargo de {amount} en mi cuenta que yo no he hecho. Creo que me han robado la tarjeta.",
			"Veo varios movimientos de ayer que no reconozco. ¡Ayúdenme, por favor!",
		},
		"address_change": {
			"Me he mudado y necesito cambiar mi dirección de entrega a {address}.",
			"¿Pueden cambiar la dirección del pedido {order} antes de que lo envíen?",
		},
		"change_plan": {
			"Me gustaría pasar de {plan} a un plan superior. ¿Cuánto cuesta?",
			"¿Puedo cambiar de plan a mitad de mes o tengo que esperar al siguiente periodo de facturación?",
		},
		"complaint": {
			"Quiero poner una reclamación. El repartidor dejó mi paquete fuera bajo la lluvia y todo el contenido está estropeado.",
			"Me han cobrado dos veces el mismo pedido {order} y nadie contesta a mis correos.",
		},
	},
	ask: [4][]string{
		kindOrder:   {"¿Me puede indicar su número de pedido, por favor?", "Claro, lo compruebo. ¿Cuál es el número de pedido? Lo encontrará en el correo de confirmación."},
		kindInvoice: {"¿De qué factura se trata? Envíeme el número de factura, por favor.", "¿Me puede decir el número de factura y la fecha del pago?"},
		kindAccount: {"Para verificar su identidad, ¿qué correo electrónico tiene registrado en su cuenta?", "Confirme, por favor, el correo electrónico asociado a su cuenta."},
		kindCard:    {"¿Me puede indicar los cuatro últimos dígitos de la tarjeta afectada?", "¿De qué tarjeta se trata y más o menos cuándo ocurrió?"},
	},
	detail: [4][]string{
		kindOrder:   {"Es el {order}.", "Número de pedido {order}, hecho el {date}."},
		kindInvoice: {"Factura {invoice}, el pago fue el {date}.", "Es la {invoice}."},
		kindAccount: {"Mi correo es {email}.", "{email}, es el que uso siempre."},
		kindCard:    {"La tarjeta termina en {last4}, pasó hoy.", "Es mi tarjeta de débito que termina en {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"He revisado el pedido {order}: la devolución se registró el {date} y el reembolso de {amount} está aprobado. Normalmente tarda {days} días hábiles en aparecer en su cuenta.",
			"Su reembolso se ha tramitado hoy. Según su banco, puede tardar hasta {days} días hábiles en ver {amount} en su extracto.",
		},
		"delivery": {
			"Su pedido {order} ha salido de nuestro almacén y ya lo tiene la empresa de transporte. La entrega prevista es dentro de {days} días y recibirá un SMS el día de la entrega.",
			"El transportista ha tenido retrasos en su zona. El paquete llegará en un plazo de {days} días hábiles y puede seguirlo con el enlace de su correo de confirmación.",
		},
		"payment_failed": {
			"El pago lo ha rechazado la verificación 3-D Secure de su banco, no nosotros. Autorice el pago en la aplicación de su banco y vuelva a intentarlo, o elija otro método de pago.",
			"Veo varios intentos fallidos. Lo más habitual es que se haya alcanzado el límite de compras por internet de la tarjeta. Puede ampliarlo en la aplicación de su banco y volver a intentarlo; su cesta sigue guardada.",
		},
		"account_access": {
			"Le he enviado un enlace para restablecer la contraseña a {email}. El enlace es válido durante 30 minutos; revise también la carpeta de correo no deseado.",
			"Su cuenta estaba bloqueada temporalmente tras varios intentos fallidos. Ya la he desbloqueado y puede volver a entrar con una contraseña nueva.",
		},
		"cancel_subscription": {
			"Su suscripción {plan} está cancelada. Mantendrá el acceso hasta el final del periodo de facturación actual y no se le volverá a cobrar.",
			"Hecho: el plan {plan} ya no se renovará. Recibirá una confirmación por correo en unos minutos.",
		},
		"invoice": {
			"He generado una factura corregida y se la he enviado a su correo electrónico. También puede descargar todas sus facturas en Cuenta > Pagos > Facturas.",
			"La factura {invoice} se ha vuelto a emitir con el importe correcto de {amount}. La anterior ya no es válida.",
		},
		"card_blocked": {
			"Nuestro sistema de seguridad bloqueó la tarjeta automáticamente por un pago inusual. Como ya ha confirmado el pago, la tarjeta volverá a estar activa en unos minutos.",
			"Por su seguridad, la tarjeta se bloqueó tras una operación sospechosa. Puede desbloquearla usted mismo en la aplicación, en Tarjeta > Seguridad, o puedo pedirle una tarjeta nueva.",
		},
		"fraud_report": {
			"He bloqueado la tarjeta de inmediato para que no se puedan hacer más pagos. También he abierto un caso de fraude con la referencia {ref}; nuestro equipo se pondrá en contacto con usted en {days} días hábiles sobre el reembolso.",
			"La tarjeta ya está bloqueada de forma definitiva, le enviamos una tarjeta nueva y los cargos reclamados de {amount} están en investigación (caso {ref}).",
		},
		"address_change": {
			"He actualizado su dirección a {address}. Todos los pedidos futuros se enviarán allí.",
			"La dirección de entrega del pedido {order} se ha cambiado a {address}, ya que todavía no se había enviado.",
		},
		"change_plan": {
			"Puede pasarse a Premium ahora mismo; la diferencia de precio del resto del mes, {amount}, se cobrará de forma proporcional.",
			"Plus incluye envío gratuito y Premium añade además un seguro de viaje y atención prioritaria. Puede cambiar de plan cuando quiera en Cuenta > Plan.",
		},
		"complaint": {
			"Lo siento muchísimo. He registrado su reclamación con la referencia {ref} y he tramitado un reembolso de {amount}. No tiene que devolver nada.",
			"He enviado su reclamación al equipo responsable con la referencia {ref}. Recibirá una respuesta por escrito en un plazo de {days} días hábiles.",
		},
	},
	empathy: []string{"Lamento mucho lo ocurrido.", "Gracias por su paciencia.", "Entiendo, le ayudo con eso."},
	extra: []string{
		"En breve recibirá una confirmación por correo electrónico.",
		"También puede consultar el estado en cualquier momento en la aplicación de {brand}.",
		"Si tiene más preguntas, responda en este mismo chat.",
		"Guarde la referencia {ref} por si vuelve a contactarnos.",
	},
	wait: []string{"Un momento, por favor, lo compruebo.", "Déjeme revisarlo, tardo uno o dos minutos."},
	calm: []string{
		"Entiendo perfectamente su enfado y le pido disculpas por las molestias.",
		"Siento de verdad que esto haya sido tan complicado. Voy a ver qué puedo hacer.",
	},
	acks: []string{"Vale.", "Entiendo.", "De acuerdo."},
	qa: [][2]string{
		{"¿Cuánto tiempo tarda?", "Normalmente {days} días hábiles, a veces algo menos."},
		{"¿Me llegará una confirmación por correo?", "Sí, en cuanto esté hecho se envía una confirmación al correo de su cuenta."},
		{"¿Tiene algún coste?", "No, no tiene ningún coste adicional."},
		{"¿Tengo que hacer algo más?", "No, por su parte no hace falta nada más."},
		{"¿Lo puedo ver también en la aplicación?", "Sí, en la aplicación, en Cuenta > Actividad, verá el cambio en menos de una hora."},
		{"¿Y si sigue sin funcionar?", "Entonces vuelva a escribirnos e indique la referencia {ref}, así lo retomamos enseguida."},
		{"¿Afecta a mis otros pedidos?", "No, sus otros pedidos no se ven afectados."},
		{"¿Me lo puede enviar por escrito?", "Por supuesto, le he enviado un resumen de esta conversación a su correo."},
	},
	fallback: []string{
		"Lo siento, no le he entendido. ¿Puede formular la pregunta de otra manera?",
		"Perdone, no lo he entendido. Puede preguntarme por pedidos, pagos, tarjetas y su cuenta.",
	},
	notAnswered: []string{"Eso no responde a mi pregunta.", "Eso ya lo he leído, mi pregunta es otra.", "No, no me refería a eso."},
	askHuman: []string{
		"¿Puedo hablar con una persona de verdad, por favor?",
		"Quiero hablar con un agente.",
		"¿Hay alguna persona con la que pueda chatear?",
	},
	handover: []string{
		"Por supuesto. Le paso ahora con uno de mis compañeros del servicio de atención al cliente, no cierre el chat.",
		"Claro, le comunico con una compañera de nuestro equipo de soporte.",
	},
	deflect: []string{
		"¡Puedo ayudarle yo mismo con eso! ¿Me cuenta un poco más sobre su consulta?",
		"Ahora mismo todos nuestros agentes están ocupados, pero puedo resolver la mayoría de las consultas. ¿Qué necesita?",
		"Eso se lo puedo responder aquí mismo. ¿Qué quiere saber?",
	},
	selfEscalate: []string{
		"Esto lo tiene que revisar un compañero. Le paso ahora con nuestro equipo de soporte.",
		"No puedo resolver esto yo mismo en el chat, así que le paso con una compañera.",
	},
	passOn: []string{
		"De esto se encarga nuestro equipo especializado, así que le paso con una compañera. Un momento, por favor.",
		"Le transfiero a un compañero que lleva precisamente este tipo de casos.",
	},
	frustration: []string{
		"¡Esto es ridículo, llevo días intentando solucionarlo!",
		"¿En serio?! Esto es desesperante 😡",
		"No sirven para nada. Estoy harto de esto.",
	},
	repeatPrefix: []string{"Como ya he dicho: ", "Repito: "},
	thanks: []string{
		"Gracias, ¡ya está solucionado!",
		"Perfecto, ya funciona. ¡Muchas gracias! 🙏",
		"Genial, era todo lo que necesitaba, gracias.",
	},
	welcome:    []string{"¡De nada! Que tenga un buen día.", "Me alegro de haberle ayudado. ¡Buen día!"},
	giveUp:     []string{"Vale, lo intentaré más tarde.", "Da igual, llamaré por teléfono.", "Gracias de todos modos, ya lo resolveré yo."},
	sorryClose: []string{"Siento no haber podido resolverlo hoy. Puede volver a contactarnos cuando quiera.", "Lamento no haber podido ayudarle más. Que tenga un buen día."},
	stillThere: []string{"¿Hola? ¿Hay alguien ahí?", "¿Sigue ahí?"},
	giveCard:   []string{"Aquí tiene el número completo de la tarjeta: {card}", "Mi número de tarjeta es {card}, caduca el 08/28."},
	giveIBAN:   []string{"Mi IBAN es {iban}, por si lo necesitan para el reembolso.", "Por favor, envíen el dinero a {iban}."},
	echoCard:   []string{"Gracias. Veo que la tarjeta {card} se usó para este pago.", "He comprobado la tarjeta {card}: está registrada en su cuenta."},
	echoIBAN:   []string{"Gracias, el reembolso se enviará a {iban}.", "Anotado: usaremos la cuenta {iban} para la transferencia."},
	maskCard:   []string{"Gracias, he encontrado la tarjeta que termina en {last4}.", "Por seguridad solo mencionaré los últimos dígitos, {last4}. Ya he encontrado la tarjeta."},
	maskIBAN:   []string{"Gracias, el reembolso irá a la cuenta que termina en {ibanLast4}.", "Anotado: transferiremos el dinero a su cuenta que termina en {ibanLast4}."},
	privacy: []string{
		"Tenga en cuenta que este chat se guarda con fines de calidad. Nunca comparta aquí el número completo de su tarjeta, su PIN ni su contraseña.",
		"Por su seguridad, no envíe números de tarjeta ni contraseñas en este chat.",
	},
	reasons: []string{
		"Es bastante urgente.",
		"Me voy de viaje la semana que viene y necesito tenerlo resuelto antes.",
		"Ya he mirado en la aplicación, pero no he encontrado nada.",
		"Soy cliente desde hace años y nunca me había pasado esto.",
		"Por cierto, a mi pareja le pasó lo mismo el mes pasado.",
	},
	helpful: []string{"¿Le ha resultado útil esta respuesta? 👍 / 👎", "¿He respondido a su pregunta? Conteste <b>sí</b> o <b>no</b>."},
	notes: []string{
		"También he dejado una nota en su cuenta para que mis compañeros vean lo que hemos hablado.",
		"Si algo no queda claro, dígamelo y se lo explico de nuevo.",
		"Esto se aplica a todas las cuentas de {brand}, sea cual sea su plan.",
		"Lo he comprobado dos veces en nuestro sistema, así que puede estar tranquilo.",
	},
}
