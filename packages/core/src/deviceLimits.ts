/** The longest name a person may give a device: the server refuses longer, the UI's field stops there. */
export const DEVICE_NAME_MAX = 60;
